"""A post's HTML for the templates: Pelican's text, without a second copy kept between calls."""

from __future__ import annotations

import copy

from pelican.contents import Article as PelicanArticle
from pelican.contents import Content
from pelican.settings import DEFAULT_CONFIG
from safe_html.plugin import Article

LINKED = '<p>Siehe <a href="{filename}/posts/andere.md">den anderen Beitrag</a>.</p>'
PLAIN = "<p>Kein Link, nur Text.</p>"


def _posts(html: str) -> tuple[Article, PelicanArticle]:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    other = PelicanArticle(
        "<p>x</p>", {"title": "Andere", "slug": "andere"}, settings, source_path="posts/andere.md"
    )
    context = {"generated_content": {"posts/andere.md": other}, "static_content": {}}
    made = [
        kind(html, {"title": "Ein Beitrag"}, settings, source_path="posts/ein.md", context=context)
        for kind in (Article, PelicanArticle)
    ]
    return made[0], made[1]


def test_a_post_with_site_links_gets_pelicans_text_anew_and_keeps_no_copy() -> None:
    ours, pelicans = _posts(LINKED)
    first, second = (
        ours.get_content("https://blog.example"),
        ours.get_content("https://blog.example"),
    )
    assert first == second == pelicans.get_content("https://blog.example")
    assert 'href="https://blog.example/andere.html"' in first
    assert first is not second  # made on request, nothing held between the calls
    assert ours.get_content("") == pelicans.get_content("")


def test_a_post_without_site_links_hands_out_its_own_text() -> None:
    ours, pelicans = _posts(PLAIN)
    assert ours.get_content("https://blog.example") is ours._content
    assert ours.get_content("https://blog.example") is ours._content
    assert ours.content == pelicans.content == PLAIN


def test_html_a_plugin_replaces_afterwards_is_the_html_handed_out() -> None:
    ours, _ = _posts(PLAIN)
    assert ours.get_content("") == PLAIN
    ours._content = LINKED  # as idea_polls does when it fills in a poll
    assert "{filename}" not in ours.get_content("")
    assert "andere.html" in ours.get_content("")


def test_a_summary_field_is_handed_out_without_pelicans_memo() -> None:
    ours, pelicans = _posts(PLAIN)
    for post in (ours, pelicans):
        post.metadata["summary"] = "Kurz gesagt."
    memo = Content.__dict__["get_summary"].cache  # Pelican's memo, shared by every post
    held = len(memo)
    assert ours.get_summary("") is ours.metadata["summary"]
    assert len(memo) == held
    assert pelicans.get_summary("") == ours.get_summary("")


def test_a_summary_cut_from_the_content_is_the_one_pelican_cuts_from_plain_html() -> None:
    ours, pelicans = _posts("<p>" + " ".join(["Wort"] * 80) + "</p>")
    assert ours.get_summary("") == pelicans.get_summary("")
    assert ours.get_summary("").count("Wort") < 80
