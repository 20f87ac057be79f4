"""The poll manifest: what the backend needs to know about every published poll."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from faces_common.manifests import POLLS_MANIFEST_VERSION

from .model import Poll


def poll_url(poll: Poll) -> str:
    """The address of the poll inside its post, as the site links to it."""
    return f"{poll.article_url}#poll-{poll.id}"


def manifest(polls: Sequence[Poll], generated: datetime) -> dict[str, Any]:
    """Return the manifest document for these polls."""
    return {
        "version": POLLS_MANIFEST_VERSION,
        "generated": generated.isoformat(timespec="seconds"),
        "polls": [manifest_entry(poll) for poll in polls],
    }


def manifest_entry(poll: Poll) -> dict[str, Any]:
    """One poll as the backend takes votes on it: question, options and the rules of voting."""
    return {
        "id": poll.id,
        "question": poll.question,
        "url": poll_url(poll),
        "options": [{"id": option.id, "label": option.label} for option in poll.options],
        "multiple": poll.multiple,
        "max": poll.max,
        "closes": poll.closes.isoformat() if poll.closes else None,
        "results": poll.results_mode,
        "suggestions": poll.suggestions,
    }
