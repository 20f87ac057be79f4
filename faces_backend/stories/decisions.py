"""Accepting and declining a story, the same for the command line and the queue page."""

from __future__ import annotations

from collections.abc import Collection
from functools import partial

from faces_backend.http.keyed_error import KeyedError
from faces_backend.store import Connection
from faces_backend.stories.config import REASON_MAX
from faces_backend.stories.form import STORY_ID
from faces_backend.stories.store import Story, StoryRefused, decide, get_story


class DecisionError(KeyedError):
    """A decision cannot be made; `key` names the editors' message, `values` fill it."""


def check_editor(editor: str, profiles: Collection[str]) -> None:
    """Refuse an editor who is not a profile of the site (or when the profiles are unknown)."""
    if not profiles:
        raise DecisionError("no_profiles")
    if editor not in profiles:
        raise DecisionError("unknown_editor", editor=editor, known=", ".join(sorted(profiles)))


def check_reason(reason: str) -> str:
    """Return the reason as stored, or refuse an empty or overlong one."""
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise DecisionError("empty_reason", limit=REASON_MAX)
    if len(cleaned) > REASON_MAX:
        raise DecisionError("long_reason", limit=REASON_MAX)
    return cleaned


def accept(conn: Connection, story_id: str, editor: str) -> Story:
    """Accept a pending story for an editor; return it with its contact this once (writer job)."""
    return _decide(conn, story_id, partial(decide, status="accepted", editor=editor))


def decline(conn: Connection, story_id: str, reason: str) -> Story:
    """Decline a pending story with an internal reason (writer job)."""
    return _decide(conn, story_id, partial(decide, status="declined", reason=reason))


def _decide(conn: Connection, story_id: str, job: partial[Story]) -> Story:
    if not STORY_ID.fullmatch(story_id):
        raise DecisionError("unknown", id=story_id)
    try:
        return job(conn, story_id)
    except StoryRefused as refused:
        if refused.problem == "decided":
            found = get_story(conn, story_id)
            status = found.status if found else "?"
            raise DecisionError("decided", id=story_id, status=status) from None
        raise DecisionError("unknown", id=story_id) from None
