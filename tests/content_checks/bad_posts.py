"""Broken posts in every format the build reads, each with the problems it must get."""

from __future__ import annotations

from tests.minisite import GOOD_POST

# 300 characters.
LONG_TITLE = ("Warum wir " + "sehr " * 60)[:260] + " lange Titel lieben und was daraus folgt"

RST_GOOD = """\
Räder aus Konstanz
##################

:date: 2026-03-10 09:30
:category: Technik
:author: miriam-keller

Ein Beitrag in reStructuredText.
"""

HTML_GOOD = """\
<html>
<head>
<title>Räder aus Kreuzlingen</title>
<meta name="date" content="2026-03-11 09:30">
<meta name="category" content="Technik">
<meta name="author" content="miriam-keller">
</head>
<body><p>Ein Beitrag in HTML.</p></body>
</html>
"""


def md(**changes: str) -> str:
    """The good post with some header lines replaced: {"Title": "…"}, "" drops the line."""
    lines = []
    for line in GOOD_POST.splitlines():
        name = line.split(":", 1)[0]
        if name in changes:
            if changes[name] != "":
                lines.append(f"{name}: {changes[name]}".rstrip())
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


# file name -> text; every post here has a title of its own unless the case is about titles.
POSTS: dict[str, str | bytes] = {
    "leer.md": "",
    "ohne-titel.md": md(Title=""),
    "titel-leer.md": md(Title=" "),
    "nur-erklaerungen.md": md(Title="Nur Erklärungen").replace(
        "Dieser Beitrag ist in Ordnung.", "<!-- invoke new-post:\nTitle  Der Titel\n-->"
    ),
    "datum-deutsch.md": md(Title="Datum deutsch", Date="14.03.2026"),
    "autor-tippfehler.md": md(Title="Autor mit Tippfehler", Author="miriam-kelller"),
    "autor-mit-namen.md": md(Title="Autor mit Namen", Author="Miriam Keller"),
    "sehr-lang.md": md(Title=LONG_TITLE),
    "sehr-lang2.md": md(Title=LONG_TITLE[:-10] + " anderes Ende", Date="2026-03-15 09:30"),
    "doppelt.md": md(Date="2026-03-16 09:30"),
    "latin1.md": md(Title="Qualität").encode("latin-1"),
    # Hostile or mistaken paths: out of the output folder, a template that does not exist.
    "slug-ausbruch.md": md(Title="Slug Ausbruch\nSlug: ../../../ausbruch"),
    "save-as-ausbruch.md": md(Title="Save as\nSave_as: ../../ausbruch.html"),
    "vorlage.md": md(Title="Vorlage\nTemplate: gibtsnicht"),
    "url-fremd.md": md(Title="Url fremd\nUrl: https://evil.example/"),
    # Pelican reads 'Authors: ;' as no author at all; the build stopped on it.
    "autoren-leer.md": md(Title="Autoren leer", Author="").replace("Lang:", "Authors: ;\nLang:"),
    "uebersetzung.md": md(Title="Übersetzung\nTranslation: vielleicht"),
    "sprache-leer.md": md(Title="Sprache leer", Lang=" "),
    "ohne-autor.rst": RST_GOOD.replace(":author: miriam-keller\n", "").replace(
        "Räder aus Konstanz\n##################", "Ohne Autor\n##########"
    ),
    "datum-falsch.rst": RST_GOOD.replace("2026-03-10 09:30", "März 2026").replace(
        "Räder aus Konstanz\n##################", "Datum falsch\n############"
    ),
    "ohne-titel.rst": RST_GOOD.split("\n", 3)[3],
    "ohne-text.rst": RST_GOOD.replace(
        "Ein Beitrag in reStructuredText.\n", "..  nur ein Kommentar\n"
    ).replace("Räder aus Konstanz\n##################", "Ohne Text\n#########"),
    "gut.rst": RST_GOOD,
    # docutils would publish a file of the machine that builds (in CI: its secrets).
    "einbinden.rst": RST_GOOD.replace(
        "Räder aus Konstanz\n##################", "Einbinden\n#########"
    )
    + "\n.. include:: /etc/hostname\n   :literal:\n\n.. |x| raw:: html\n\n   <script>x</script>\n"
    + "\n.. csv-table:: Zahlen\n   :file: /etc/passwd\n",
    "ohne-autor.html": HTML_GOOD.replace(
        '<meta name="author" content="miriam-keller">\n', ""
    ).replace("Räder aus Kreuzlingen", "HTML ohne Autor"),
    "ohne-titel.html": HTML_GOOD.replace("<title>Räder aus Kreuzlingen</title>\n", ""),
    "ohne-text.html": HTML_GOOD.replace("<p>Ein Beitrag in HTML.</p>", "<!-- bald -->").replace(
        "Räder aus Kreuzlingen", "HTML ohne Text"
    ),
    "gut.html": HTML_GOOD,
    # Script an author wrote (or pasted) must not run on the page; a post about HTML is fine.
    "skript.md": md(Title="Skript", Summary='<img src=x onerror="window.pwned=1">').replace(
        "Dieser Beitrag ist in Ordnung.",
        "Hallo <script>window.pwned = 2</script>\n\n[Klick](javascript:window.pwned=3)",
    ),
    "skript.html": HTML_GOOD.replace("Räder aus Kreuzlingen", "HTML mit Skript").replace(
        "<p>Ein Beitrag in HTML.</p>", '<p>Hallo</p>\n<iframe src="https://evil.example/"></iframe>'
    ),
    "skript.rst": RST_GOOD.replace(
        "Räder aus Konstanz\n##################", "RST Skript\n##########"
    )
    + "\nEin `Link <javascript:window.pwned=4>`_.\n",
    "ueber-html.md": md(Title="Über HTML").replace(
        "Dieser Beitrag ist in Ordnung.",
        "So nicht: `<script>`.\n\n```html\n<script>window.pwned = 5</script>\n```\n\n"
        '    <a href="javascript:window.pwned=6">',
    ),
}

P = "content/posts/"
# (file, line, rule) of every problem; the good posts (good.md, gut.rst, gut.html,
# autor-mit-namen.md: a name is as good as a handle) have none.
EXPECTED = {
    (P + "leer.md", 1, "empty_file"),
    (P + "ohne-titel.md", 5, "missing"),
    (P + "titel-leer.md", 1, "empty"),
    (P + "nur-erklaerungen.md", 8, "no_body"),
    (P + "nur-erklaerungen.md", 8, "scaffold_guide"),
    (P + "datum-deutsch.md", 2, "bad_date"),
    (P + "autor-tippfehler.md", 4, "author_profiles.unknown_author"),
    (P + "sehr-lang.md", 1, "long_title"),
    (P + "sehr-lang2.md", 1, "long_title"),
    # Cut to 100 characters, the two long titles give one address: the second is refused.
    (P + "sehr-lang2.md", 1, "duplicate_slug"),
    (P + "good.md", 1, "duplicate_slug"),
    (P + "latin1.md", 1, "not_utf8"),
    (P + "slug-ausbruch.md", 2, "bad_slug"),
    (P + "save-as-ausbruch.md", 2, "unsafe_path"),
    (P + "vorlage.md", 2, "unknown_template"),
    (P + "url-fremd.md", 2, "unsafe_path"),
    (P + "autoren-leer.md", 4, "empty"),
    (P + "uebersetzung.md", 2, "bad_value"),
    (P + "sprache-leer.md", 5, "empty"),
    (P + "ohne-autor.rst", 5, "missing"),
    (P + "datum-falsch.rst", 4, "bad_date"),
    (P + "ohne-titel.rst", 1, "missing"),
    (P + "ohne-text.rst", 8, "no_body"),
    (P + "einbinden.rst", 10, "rst_unsafe"),
    (P + "einbinden.rst", 13, "rst_unsafe"),
    (P + "einbinden.rst", 18, "rst_unsafe"),
    (P + "ohne-autor.html", 5, "missing"),
    (P + "ohne-titel.html", 5, "missing"),
    (P + "ohne-text.html", 8, "no_body"),
    (P + "skript.md", 8, "active_content"),
    (P + "skript.md", 10, "active_content"),
    (P + "skript.html", 9, "active_content"),
    (P + "skript.rst", 10, "active_content"),
}
