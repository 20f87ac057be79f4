"""The header and the visible body of each format, with the lines the problems name."""

from __future__ import annotations

from pathlib import Path

import pytest
from faces_common.formats import HTML, MARKDOWN, RST, decode, format_of, read_source


def fields(text: str, format_: str) -> list[tuple[str, str, int]]:
    return [(f.key, f.value, f.line) for f in read_source(text, format_).header.fields]


def test_each_reader_ending_has_a_format() -> None:
    assert [format_of(n) for n in ("a.md", "a.MARKDOWN", "a.rst", "a.htm", "a.html")] == [
        MARKDOWN, MARKDOWN, RST, HTML, HTML
    ]  # fmt: skip
    assert format_of("a.txt") is None and format_of("README") is None


def test_rst_title_fields_and_body() -> None:
    text = "Ein Titel\n#########\n\n:date: 2026-03-14\n:tags: a,\n    b\n\nText.\n"
    assert fields(text, RST) == [
        ("title", "Ein Titel", 1),
        ("date", "2026-03-14", 4),
        ("tags", "a, b", 5),
    ]
    source = read_source(text, RST)
    assert (source.header.body_line, source.body) == (8, "Text.")


def test_rst_title_with_overline_and_only_comments_as_body() -> None:
    text = "=====\nTitel\n=====\n:date: 2026-03-14\n\n.. ein Kommentar\n..\n"
    assert fields(text, RST) == [("title", "Titel", 2), ("date", "2026-03-14", 4)]
    assert read_source(text, RST).body == ""
    assert read_source(text + ".. image:: a.png\n", RST).body == ".. image:: a.png"


def test_html_title_meta_and_visible_body() -> None:
    text = (
        "<html><head>\n<title>Tit&auml;l</title>\n"
        '<meta name="date" content="2026-03-14">\n</head>\n'
        "<body><!-- nichts --><script>x</script></body></html>"
    )
    assert fields(text, HTML) == [("title", "Titäl", 2), ("date", "2026-03-14", 3)]
    source = read_source(text, HTML)
    assert source.header.body_line == 5
    assert source.body == "x"  # script text counts: a post of only a script is not empty


def test_markdown_body_without_the_new_post_explanations() -> None:
    text = "Title: T\n\n<!-- invoke new-post:\nErklärung\n-->\n"
    source = read_source(text, MARKDOWN)
    assert (source.body, source.guide_lines) == ("", (3, 5))
    assert read_source(text + "Ein Satz.\n", MARKDOWN).body == "Ein Satz."


def test_bytes_that_are_not_utf8_are_found_by_line() -> None:
    assert decode("Title: Qualität\n".encode()) == ("Title: Qualität\n", None)
    text, line = decode(b"Title: A\nSummary: Qualit\xe4t\n")
    assert line == 2 and "\ufffd" in text


def test_rst_that_reads_files_or_passes_html_is_found() -> None:
    text = (
        "T\n#\n\n:date: 2026-03-14\n\nText.\n\n.. include:: /etc/hostname\n"
        ".. |x| raw:: html\n.. csv-table:: X\n   :file: /etc/passwd\n   :url: http://x\n"
        ".. image:: a.png\n.. code:: python\n"
    )
    assert read_source(text, RST).unsafe == (
        (8, "include"),
        (9, "raw"),
        (11, ":file:"),
        (12, ":url:"),
    )


def test_docutils_does_not_include_files_even_unchecked(tmp_path: Path) -> None:
    from docutils.utils import SystemMessage
    from editorial.config import load_settings
    from pelican.readers import RstReader

    from tests.minisite import make_site

    settings = load_settings(str(make_site(tmp_path, {})))
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIMNIS", encoding="utf-8")
    post = tmp_path / "x.rst"
    post.write_text(
        f"T\n#\n\n:date: 2026-03-14\n\n.. include:: {secret}\n\n.. raw:: html\n\n   <b>roh</b>\n",
        encoding="utf-8",
    )
    # Pelican stops reading at docutils' warning: the file is neither read nor published.
    with pytest.raises(SystemMessage, match='"include" directive disabled'):
        RstReader(settings).read(str(post))
