"""For the editors' review page: comments on each author's posts that no author answered yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .data import Comment


@dataclass(frozen=True)
class WaitingComment:
    """A top-level comment without a reply by any of its post's authors."""

    post_title: str
    post_url: str
    comment_id: str
    name: str
    received: dt.datetime


@dataclass(frozen=True)
class AuthorQueue:
    """One author's unanswered comments, oldest first."""

    handle: str
    name: str
    url: str | None
    comments: tuple[WaitingComment, ...]


def unanswered(comments: Sequence[Comment], authors: Sequence[str]) -> list[Comment]:
    """Top-level comments by readers that none of the authors has replied to."""
    answered = {c.parent for c in comments if c.parent is not None and c.profile in authors}
    return [
        c
        for c in comments
        if c.parent is None and c.profile not in authors and c.id not in answered
    ]


def author_queues(
    waiting: Mapping[str, list[WaitingComment]], profiles: Mapping[str, Any]
) -> list[AuthorQueue]:
    """Group by author, in the order of their names; authors with nothing waiting are left out."""
    queues = []
    for handle, comments in waiting.items():
        profile = profiles.get(handle)
        if profile is not None and profile.status == "removed":
            continue
        queues.append(
            AuthorQueue(
                handle=handle,
                name=profile.name if profile is not None else handle,
                url=profile.url if profile is not None else None,
                comments=tuple(sorted(comments, key=lambda c: c.received)),
            )
        )
    return sorted(queues, key=lambda q: q.name.casefold())
