"""The sanitizers of faces_common.html: what survives of reader and author HTML."""

from __future__ import annotations

import pytest
from faces_common.html import sanitize_author_html, sanitize_reader_html
from markupsafe import Markup

READER_CASES = [
    ("<script>alert(1)</script>Hallo", "Hallo"),
    ('<img src=x onerror="alert(1)">', ""),
    ('"><svg onload=alert(1)>', '"&gt;'),
    ("<p>Kaffee & Kuchen</p>", "<p>Kaffee &amp; Kuchen</p>"),
    ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<a href="javascript:alert(1)">x</a>', '<a rel="nofollow ugc">x</a>'),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', '<a rel="nofollow ugc">x</a>'),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a rel="nofollow ugc">x</a>'),
    ('<a href="//evil.example/">x</a>', '<a rel="nofollow ugc">x</a>'),
    ('<a href="/intern/">x</a>', '<a rel="nofollow ugc">x</a>'),
    ('<a href="http://example.org/">x</a>', '<a rel="nofollow ugc">x</a>'),
    (
        '<a href="https://example.org/" rel="me" target="_blank" onclick="x()">x</a>',
        '<a href="https://example.org/" rel="nofollow ugc">x</a>',
    ),
    (
        '<a href="mailto:a@example.org">a</a>',
        '<a href="mailto:a@example.org" rel="nofollow ugc">a</a>',
    ),
    (
        "<p><em>a</em> <strong>b</strong> <code>c</code></p><ul><li>d</li></ul><ol><li>e</li></ol>",
        "<p><em>a</em> <strong>b</strong> <code>c</code></p><ul><li>d</li></ul><ol><li>e</li></ol>",
    ),
    ('<p style="color:red" class="x" id="y">t</p>', "<p>t</p>"),
    ("<h1>t</h1><iframe src=https://e.org></iframe><style>p{}</style>", "t"),
    ("<!-- {{ 7*7 }} -->{{ 7*7 }}", "{{ 7*7 }}"),
]


@pytest.mark.parametrize(("html", "expected"), READER_CASES)
def test_reader_html_keeps_only_plain_formatting(html: str, expected: str) -> None:
    cleaned = sanitize_reader_html(html)
    assert isinstance(cleaned, Markup)
    assert cleaned == expected


AUTHOR_CASES = [
    ("<p>Sie <em>lacht</em></p>", "<p>Sie <em>lacht</em></p>"),
    ('<a href="/menschen/anja-seidel/">Anja</a>', '<a href="/menschen/anja-seidel/">Anja</a>'),
    ('<a href="javascript:alert(1)" title="t">x</a>', '<a title="t">x</a>'),
    ("<script>alert(1)</script><img src=x onerror=alert(1)>Text", "Text"),
    ('<abbr title="Velo">V</abbr><br>', '<abbr title="Velo">V</abbr><br>'),
]


@pytest.mark.parametrize(("html", "expected"), AUTHOR_CASES)
def test_author_html_keeps_links_within_the_site(html: str, expected: str) -> None:
    assert sanitize_author_html(html) == expected
