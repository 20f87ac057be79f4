"""A post's `Summary:` field for the templates: sanitised once, no copy kept when it is clean."""

from __future__ import annotations

import copy

from markupsafe import Markup
from pelican.settings import DEFAULT_CONFIG
from safe_html.plugin import Article


def _post(summary: str) -> Article:
    metadata = {"title": "Ein Beitrag", "summary": summary}
    return Article("<p>Text</p>", metadata, copy.deepcopy(DEFAULT_CONFIG), source_path="ein.md")


def test_a_clean_summary_is_markup_of_the_field_and_the_post_keeps_only_the_field() -> None:
    post = _post("Wie wir <em>Velos</em> prüfen &amp; flicken.")
    first, second = post.summary, post.summary
    assert type(first) is Markup and first == second == post.metadata["summary"]
    assert post.__dict__["_safe_html_summary"] is post.metadata["summary"]


def test_a_summary_with_a_script_is_sanitised_once_and_kept() -> None:
    post = _post('Gut<script>alert("x")</script> <em onclick="x()">fett</em>')
    first = post.summary
    assert type(first) is Markup
    assert "<script>" not in first and "onclick" not in first and "<em>fett</em>" in first
    assert post.summary is first  # the sanitised text is kept, not made again


def test_a_replaced_summary_is_sanitised_anew() -> None:
    post = _post("Alt.")
    assert post.summary == "Alt."
    # A plugin that changes the field later (the field is not memoised: see content_html).
    post.metadata["summary"] = "Neu <script>x</script>."
    assert post.summary == "Neu ."
    post.metadata["summary"] = "Wieder sauber."
    assert post.summary == "Wieder sauber."


def test_a_summary_cut_from_a_long_post_closes_its_tags_as_html() -> None:
    settings = {**copy.deepcopy(DEFAULT_CONFIG), "SUMMARY_MAX_LENGTH": 8}
    text = "".join(
        f"<p>Absatz {n} mit <strong>fettem</strong> Text und mehr Wörtern.</p>" for n in range(3)
    )
    post = Article(text, {"title": "Ohne Summary"}, settings, source_path="lang.md")
    summary = post.summary
    assert type(summary) is Markup
    # The cut ends in the suffix and real closing tags, never in escaped ones.
    assert summary.endswith("…</p>") and "&lt;" not in summary
    assert summary.count("<p>") == summary.count("</p>") == 1
