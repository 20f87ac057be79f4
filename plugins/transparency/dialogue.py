"""Read the dialogue figures (comments and author replies) the comments plugin publishes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Dialogue:
    """How readers and authors talk under the posts, as the page shows it."""

    received: int
    approved: int
    withdrawn: int
    rejected: dict[str, int]
    median_approval_hours: float | None
    threads_with_comments: int
    threads_with_author_reply: int
    author_reply_percent: int | None
    median_first_reply_hours: float | None

    def rows(self) -> list[list[Any]]:
        """The figures as (figure, value) rows for the CSV file."""
        return [
            ["received", self.received],
            ["approved", self.approved],
            ["withdrawn", self.withdrawn],
            *([f"rejected_{reason}", count] for reason, count in self.rejected.items()),
            ["median_hours_to_approval", self.median_approval_hours],
            ["threads_with_comments", self.threads_with_comments],
            ["threads_with_author_reply", self.threads_with_author_reply],
            ["author_reply_percent", self.author_reply_percent],
            ["median_hours_to_first_author_reply", self.median_first_reply_hours],
        ]


def read_dialogue(context: Mapping[str, Any]) -> Dialogue | None:
    """The dialogue figures, or None when the comments plugin published none."""
    figures = context.get("comment_figures")
    if figures is None:
        return None
    share = getattr(figures, "author_reply_share", None)
    rejected = getattr(figures, "rejected", {}) or {}
    return Dialogue(
        received=int(figures.received),
        approved=int(figures.approved),
        withdrawn=int(figures.withdrawn),
        # The comments plugin names every reason, rejected or not, in its own order.
        rejected={str(reason): int(count) for reason, count in rejected.items()},
        median_approval_hours=_hours(figures.median_approval_seconds),
        threads_with_comments=int(figures.threads_with_comments),
        threads_with_author_reply=int(figures.threads_with_author_reply),
        author_reply_percent=None if share is None else round(100 * share),
        median_first_reply_hours=_hours(figures.median_first_reply_seconds),
    )


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)
