"""The records of a poll as the author wrote it, as published and as last counted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

RESULTS_MODES = ("live", "after_vote", "after_close")
DECISION_STATUSES = ("open", "planned", "in_progress", "done", "declined")


@dataclass(frozen=True)
class Option:
    """One idea readers can vote for."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Decision:
    """What the company decided: a status from DECISION_STATUSES and a short response."""

    status: str
    response: str = ""


@dataclass(frozen=True)
class Snapshot:
    """The last results pulled into the repository: ballots in total and votes per option."""

    total: int
    votes: dict[str, int]
    generated: datetime | None = None
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Poll:
    """A poll embedded in a post; the shape other plugins read from context['idea_polls']."""

    id: str
    question: str
    options: tuple[Option, ...]
    multiple: bool
    max: int
    closes: datetime | None
    results_mode: str
    suggestions: bool
    decision: Decision | None
    source_path: str
    line: int
    article_url: str = ""
    article_title: str = ""
    snapshot: Snapshot | None = field(default=None, compare=False)

    def closed_at(self, now: datetime) -> bool:
        """Whether the poll no longer takes votes at `now`."""
        return self.closes is not None and now >= self.closes

    def results_visible(self, now: datetime) -> bool:
        """Whether a static page may show the numbers (readers' own votes are unknown here)."""
        return self.results_mode == "live" or self.closed_at(now)
