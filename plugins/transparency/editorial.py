"""The editorial process: time from submission to publication, reviewers, later updates."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .people import Person
from .posts import PostRecord

FROM_METADATA = "metadata"
FROM_HISTORY = "history"


@dataclass(frozen=True)
class Turnaround:
    """One post's way from submission to publication."""

    title: str
    url: str
    submitted: dt.date
    published: dt.date
    days: int
    source: str  # FROM_METADATA or FROM_HISTORY


@dataclass(frozen=True)
class Reviewer:
    """Someone named in `Reviewed-by:`; handle and name are None for a removed profile."""

    handle: str | None
    name: str | None
    url: str | None
    posts: int


@dataclass(frozen=True)
class Editorial:
    """Figures about how posts get from submission to publication."""

    turnarounds: tuple[Turnaround, ...]
    median_days: float | None
    p90_days: int | None
    untimed: int
    reviewers: tuple[Reviewer, ...]
    reviewed: int
    updated_later: int

    @property
    def from_metadata(self) -> int:
        """Posts timed from their `Submitted:` field."""
        return sum(1 for t in self.turnarounds if t.source == FROM_METADATA)

    @property
    def from_history(self) -> int:
        """Posts timed from the first commit of their file."""
        return sum(1 for t in self.turnarounds if t.source == FROM_HISTORY)


def percentile(values: Sequence[int], share: float) -> int:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or below."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def editorial_figures(
    posts: Sequence[PostRecord],
    first_commits: Mapping[str, dt.datetime],
    zone: ZoneInfo,
    people: Mapping[str, Person] | None,
) -> Editorial:
    """Compute turnaround times, reviewers and updates for the counted posts."""
    turnarounds = []
    for post in posts:
        published = post.published.date()
        submitted, source = post.submitted, FROM_METADATA
        if submitted is None and not post.submitted_invalid and post.key in first_commits:
            submitted, source = first_commits[post.key].astimezone(zone).date(), FROM_HISTORY
        # A first commit after publication means the file was imported later: no signal.
        if submitted is None or submitted > published:
            continue
        turnarounds.append(
            Turnaround(
                post.title, post.url, submitted, published, (published - submitted).days, source
            )
        )
    days = [t.days for t in turnarounds]

    reviews = Counter(handle for post in posts for handle in dict.fromkeys(post.reviewers))
    reviewers = [_reviewer(handle, count, people) for handle, count in reviews.items()]
    reviewers.sort(key=lambda r: (-r.posts, r.name is None, (r.name or "").casefold()))
    return Editorial(
        turnarounds=tuple(sorted(turnarounds, key=lambda t: t.published, reverse=True)),
        median_days=float(statistics.median(days)) if days else None,
        p90_days=percentile(days, 0.9) if days else None,
        untimed=len(posts) - len(turnarounds),
        reviewers=tuple(reviewers),
        reviewed=sum(1 for post in posts if post.reviewers),
        updated_later=sum(
            1 for post in posts if post.modified is not None and post.modified > post.published
        ),
    )


def _reviewer(handle: str, posts: int, people: Mapping[str, Person] | None) -> Reviewer:
    person = (people or {}).get(handle)
    if person is None:
        return Reviewer(handle, handle, None, posts)
    if not person.shown:
        return Reviewer(None, None, None, posts)
    return Reviewer(handle, person.name, person.url, posts)
