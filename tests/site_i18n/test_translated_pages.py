"""A page and its translation: the German "Mitmachen" guide and the English "Join in"."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from tests.minisite import make_site, post_text
from tests.sites import BuildRun, built

SITE = "https://blog.seewerk.example/blog"


def alternates(html: BeautifulSoup) -> dict[str, str]:
    """The page's hreflang links to other language versions (feeds left out)."""
    return {
        link["hreflang"]: link["href"]
        for link in html.select('link[rel="alternate"][hreflang]')
        if not link.get("type")
    }


def test_the_guide_and_its_translation_link_each_other(public_site: BuildRun) -> None:
    german, english = (
        public_site.html("mitmachen/index.html"),
        public_site.html("join-in/index.html"),
    )
    assert (german.html["lang"], english.html["lang"]) == ("de", "en")
    assert english.select_one("h1").get_text() == "Join in: how your post gets onto the blog"
    # An English address of its own, not "mitmachen-en/", and the German one as x-default.
    expected = {
        "de": f"{SITE}/mitmachen/",
        "en": f"{SITE}/join-in/",
        "x-default": f"{SITE}/mitmachen/",
    }
    assert alternates(german) == expected
    assert alternates(english) == expected
    assert english.select_one('link[rel="canonical"]')["href"] == f"{SITE}/join-in/"
    [to_english] = german.select(".translations a")
    assert (to_english.get_text(), to_english["hreflang"], to_english["href"]) == (
        "Read in English",
        "en",
        f"{SITE}/join-in/",
    )
    [to_german] = english.select(".translations a")
    assert (to_german.get_text(), to_german["hreflang"], to_german["href"]) == (
        "Auf Deutsch lesen",
        "de",
        f"{SITE}/mitmachen/",
    )
    # The menu's language link leads to the other version, not to the other language's home.
    assert german.select_one('.site-nav a[hreflang="en"]')["href"] == f"{SITE}/join-in/"
    assert english.select_one('.site-nav a[hreflang="de"]')["href"] == f"{SITE}/mitmachen/"
    assert "A blog by the people of" in english.select_one(".site-footer").get_text()
    # Written once: no second copy under Pelican's "{slug}-{lang}" pattern.
    assert not list(public_site.output.glob("*-en/index.html"))


def _keys(block: str) -> list[str]:
    """The keys of an example's 'Key: value' lines (header fields, poll keys), in order."""
    return re.findall(r"^\s*(?:- )?([A-Za-z][\w-]*):(?: |$)", block, re.MULTILINE)


def _fields(html: BeautifulSoup) -> list[str]:
    """What the guide's tables name in their first column: the header fields, as typed."""
    return [
        code.get_text()
        for row in html.select(".page__content table tbody tr")
        for code in row.select("td:first-child code")
    ]


def test_the_english_guide_keeps_every_section_field_and_example(public_site: BuildRun) -> None:
    german, english = (
        public_site.html("mitmachen/index.html"),
        public_site.html("join-in/index.html"),
    )
    # Every section and every step, in the same order.
    assert len(english.select(".page__content h2")) == len(german.select(".page__content h2"))
    assert len(english.select(".page__content ol li")) == len(german.select(".page__content ol li"))
    # Field names stay as employees must type them, in both languages.
    assert _fields(english) == _fields(german)
    assert len(_fields(german)) > 20
    blocks = {
        lang: [c.get_text() for c in html.select(".page__content pre code")]
        for lang, html in (("de", german), ("en", english))
    }
    # Header lines and poll keys: the same keys in every example, in order.
    assert [_keys(block) for block in blocks["en"]] == [_keys(block) for block in blocks["de"]]
    assert sum(len(_keys(block)) for block in blocks["de"]) > 20
    # The template an English writer copies is an English post in a category the check knows.
    [template] = [b for b in blocks["en"] if b.startswith("Title: ")]
    assert "\nLang: en\n" in template and "\nCategory: Technik\n" in template
    # Its links lead where the German ones do, to the English guidelines in place of the German.
    links = [a["href"] for a in english.select(".page__content a")]
    german_links = [a["href"] for a in german.select(".page__content a")]
    assert links[0] == f"{SITE}/editorial-guidelines/"
    assert german_links[0] == f"{SITE}/redaktionsleitfaden/"
    assert links[1:] == german_links[1:]


def test_an_english_page_lists_english_menu_pages_and_marks_german_ones(
    public_site: BuildRun,
) -> None:
    english = public_site.html("about-us/index.html")
    assert english.html["lang"] == "en"
    # The menu's pages have English versions: English titles, English addresses, no marks.
    menu = [(a.get_text(), a["href"], a.get("lang")) for a in english.select(".site-nav a")]
    assert menu[6:8] == [
        ("Editorial guidelines", f"{SITE}/editorial-guidelines/", None),
        ("About us", f"{SITE}/about-us/", None),
    ]
    [current] = english.select('.site-nav a[aria-current="page"]')
    assert current.get_text() == "About us"
    # The legal pages exist in German only: linked as German, so screen readers say them so.
    footer = {a.get_text(): a for a in english.select(".site-footer nav a")}
    assert (
        footer["Editorial guidelines"].get("hreflang"),
        footer["Editorial guidelines"].get("lang"),
    ) == (None, None)
    for title, address in (("Impressum", "impressum/"), ("Datenschutz", "datenschutz/")):
        link = footer[title]
        assert (link["href"], link["hreflang"], link["lang"]) == (f"{SITE}/{address}", "de", "de")
    # German pages list the German originals, unmarked.
    german = public_site.html("ueber-uns/index.html")
    menu = [(a.get_text(), a["href"], a.get("lang")) for a in german.select(".site-nav a")]
    assert menu[6:8] == [
        ("Redaktionsleitfaden", f"{SITE}/redaktionsleitfaden/", None),
        ("Über uns", f"{SITE}/ueber-uns/", None),
    ]
    assert not german.select(".site-footer nav a[hreflang]")
    # The English page links the German-only legal notice as German.
    [notice] = english.select('.page__content a[href$="/impressum/"]')
    assert (notice["hreflang"], notice.get_text()) == ("de", "legal notice")


TRANSLATION = """\
Title: Join in
Slug: join-in
Lang: en
Translation-of: {named}

How to take part.
"""
ORIGINAL = """\
Title: Mitmachen
Slug: mitmachen

So machst du mit.
"""


def test_a_page_translation_that_names_no_page_is_reported_with_a_fix(tmp_path: Path) -> None:
    from editorial.checks import check_site
    from editorial.config import load_settings

    settings = make_site(tmp_path, {}, 'MESSAGES_LANG = "en"\n')
    pages = tmp_path / "content" / "pages"
    (pages / "mitmachen.md").write_text(ORIGINAL, encoding="utf-8")
    # A page names a page: the post's slug ("ein-guter-beitrag") is no original for it.
    for named, guess in (("mitmachn", "mitmachen"), ("ein-guter-beitrag", "…")):
        (pages / "join-in.md").write_text(TRANSLATION.format(named=named), encoding="utf-8")
        problems = check_site(load_settings(str(settings))).problems
        [problem] = [p for p in problems if p.rule.startswith("translation")]
        assert (Path(problem.path).name, problem.line, problem.rule) == (
            "join-in.md",
            4,
            "translation_missing",
        )
        assert problem.message == (
            f"'Translation-of: {named}' names no page: there is none with this address."
        )
        assert f"'Translation-of: {guess}'" in problem.fix
    (pages / "join-in.md").write_text(TRANSLATION.format(named="mitmachen"), encoding="utf-8")
    problems = check_site(load_settings(str(settings))).problems
    assert not [p for p in problems if p.rule.startswith("translation")]


def test_menu_and_footer_show_a_page_in_the_readers_language(tmp_path: Path) -> None:
    english = post_text("An English post", "2026-03-15 09:30", "In English.", Lang="en")
    settings = make_site(
        tmp_path,
        {"english.md": english},
        'MENU_PAGES = ["mitmachen"]\nFOOTER_PAGES = ["mitmachen"]\n',
    )
    pages = tmp_path / "content" / "pages"
    (pages / "mitmachen.md").write_text(ORIGINAL, encoding="utf-8")
    (pages / "join-in.md").write_text(TRANSLATION.format(named="mitmachen"), encoding="utf-8")
    run = built(tmp_path / "output", settings=str(settings))
    for path, title, address in (
        ("mitmachen/index.html", "Mitmachen", "/mitmachen/"),
        ("join-in/index.html", "Join in", "/join-in/"),
    ):
        html = run.html(path)
        [current] = html.select('.site-nav a[aria-current="page"]')
        assert (current.get_text(), current["href"]) == (title, address)
        [footer] = [a for a in html.select(".site-footer a") if a.get_text() == title]
        assert footer["href"] == address
    # An English post lists the English version, a German one the German.
    for path, shown in (
        ("2026/an-english-post/index.html", ("Join in", "/join-in/")),
        ("2026/ein-guter-beitrag/index.html", ("Mitmachen", "/mitmachen/")),
    ):
        nav = [(a.get_text(), a["href"]) for a in run.html(path).select(".site-nav a")]
        assert shown in nav
        assert not run.html(path).select('.site-nav a[aria-current="page"]')
