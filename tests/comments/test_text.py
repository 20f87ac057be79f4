"""A reader's plain text becomes paragraphs, links and emphasis, and nothing else."""

from __future__ import annotations

import pytest
from comments.text import render_text


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Hallo", "<p>Hallo</p>"),
        ("Eins\n\n\nZwei\n  \nDrei", "<p>Eins</p><p>Zwei</p><p>Drei</p>"),
        ("Zeile\nweiter", "<p>Zeile\nweiter</p>"),
        ("Das ist *wichtig*.", "<p>Das ist <em>wichtig</em>.</p>"),
        ("2 * 3 * 4", "<p>2 * 3 * 4</p>"),
        (
            "Siehe https://example.org/a_b?x=1&y=2).",
            '<p>Siehe <a href="https://example.org/a_b?x=1&amp;y=2" rel="nofollow ugc">'
            "https://example.org/a_b?x=1&amp;y=2</a>).</p>",
        ),
        ("http://example.org bleibt Text", "<p>http://example.org bleibt Text</p>"),
        ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        (
            'https://example.org/"onmouseover="alert(1)',
            '<p><a href="https://example.org/" rel="nofollow ugc">https://example.org/</a>'
            '"onmouseover="alert(1)</p>',
        ),
        ("*<b>fett</b>*", "<p><em>&lt;b&gt;fett&lt;/b&gt;</em></p>"),
        ("  \n\n ", ""),
    ],
)
def test_render_text(text: str, html: str) -> None:
    assert render_text(text) == html
