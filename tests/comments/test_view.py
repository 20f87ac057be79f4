"""Thread views: every post's thread shares one table of interface words per language."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from comments.messages import words
from comments.view import ThreadContext, thread_view


def _shared() -> ThreadContext:
    return ThreadContext(
        endpoint="/api/comments",
        site_url="https://blog.example.org",
        allow_anonymous=False,
        board_level=None,
        removed_label="",
        profiles={},
        zone=dt.UTC,
        format_date=lambda when: when.isoformat(),
    )


def _post(slug: str, lang: str) -> SimpleNamespace:
    return SimpleNamespace(lang=lang, url=f"2026/{slug}/", authors=())


def test_threads_of_one_language_share_one_read_only_table_of_words() -> None:
    shared = _shared()
    views = [thread_view(_post(f"p{n}", "de"), f"p{n}", (), True, shared) for n in range(3)]
    english = thread_view(_post("e", "en"), "e", (), True, shared)
    # 10,000 posts held 10,000 copies of the same words (19 MiB at scale): one per language.
    assert views[0].words is views[1].words is views[2].words
    assert views[0].reasons is views[2].reasons
    assert english.words is not views[0].words
    assert dict(views[0].words) == words("de") and dict(english.words) == words("en")
    with pytest.raises(TypeError):
        views[0].words["anonymous"] = "changed for every post at once"  # type: ignore[index]


def test_threads_without_comments_share_their_since_text_and_carry_no_attribute_dict() -> None:
    shared = _shared()
    first, second = (thread_view(_post(f"q{n}", "de"), f"q{n}", (), True, shared) for n in (1, 2))
    # The backend's "approved after" for an empty thread: the epoch, as the page always said.
    assert first.since == second.since == "1970-01-01T00:00:00Z"
    assert first.since is second.since
    assert not hasattr(first, "__dict__")
