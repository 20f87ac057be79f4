"""The Markdown extension: each ```poll block becomes a marker, everything else stays Markdown."""

from __future__ import annotations

import markdown
from idea_polls.markdown_ext import MARKER_PATTERN

EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.meta", "idea_polls.markdown_ext"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_each_block_becomes_its_numbered_marker() -> None:
    html = convert(
        "Title: T\n\nErst.\n```poll\nid: a\n```\nDann *betont*.\n\n~~~poll\nid: b\n~~~\n"
    )
    assert html == (
        "<p>Erst.</p>\n<!--idea-poll:0-->\n<p>Dann <em>betont</em>.</p>\n<!--idea-poll:1-->"
    )


def test_examples_inside_other_fences_stay_code() -> None:
    html = convert("````markdown\n```poll\nid: a\n```\n````\n")
    assert MARKER_PATTERN.search(html) is None
    assert html.startswith('<pre><code class="language-markdown">```poll')


def test_an_unclosed_block_stays_visible_text() -> None:
    html = convert("Text.\n\n```poll\nid: a\n")
    assert MARKER_PATTERN.search(html) is None
    assert "id: a" in html
