"""Every figure of the transparency page, computed from plain post records."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from .authorship import Authorship, authorship_figures
from .cadence import Cadence, cadence_figures
from .dialogue import Dialogue
from .editorial import Editorial, editorial_figures
from .history import History
from .listings import (
    CorrectionEntry,
    Credit,
    DisclosureEntry,
    corrections_log,
    disclosures,
    image_credits,
)
from .people import Catalog, Person
from .polls import PollOutcome
from .posts import PostRecord


@dataclass(frozen=True)
class Link:
    """A named link (a page, a person)."""

    title: str
    url: str | None


@dataclass(frozen=True)
class Figures:
    """The whole page's content; a None section means its source is not available."""

    generated: dt.date
    posts: int
    months: int
    authorship: Authorship
    cadence: Cadence
    editorial: Editorial
    corrections: tuple[CorrectionEntry, ...]
    correction_counts: dict[str, int]
    polls: tuple[PollOutcome, ...] | None
    credits: tuple[Credit, ...]
    disclosures: tuple[DisclosureEntry, ...]
    disclosure_counts: dict[str, int]
    guidelines: Link | None
    editors: tuple[Link, ...] | None
    history_missing: str | None = None  # why first-commit dates are unknown, when needed
    unavailable: tuple[str, ...] = field(default=())  # "profiles", "polls", "history"
    dialogue: Dialogue | None = None  # None: the comments plugin is not enabled


@dataclass(frozen=True)
class Sources:
    """What the figures are computed from, besides the posts."""

    today: dt.date
    months: int
    zone: ZoneInfo
    correction_types: Sequence[str]
    disclosure_types: Sequence[str] = ()
    people: Mapping[str, Person] | None = None
    departments: Catalog | None = None
    levels: Catalog | None = None
    polls: Sequence[PollOutcome] | None = None
    history: History | None = None  # None: not needed, every post has `Submitted:`
    guidelines: Link | None = None
    dialogue: Dialogue | None = None


def compute_figures(posts: Sequence[PostRecord], sources: Sources) -> Figures:
    """Compute every section of the page from the counted posts."""
    people = sources.people
    history = sources.history or History()
    authorship = authorship_figures(posts, people, sources.departments, sources.levels)
    corrections = corrections_log(posts)
    listed = disclosures(posts)
    unavailable = [
        name
        for name, missing in (
            ("profiles", people is None),
            ("polls", sources.polls is None),
            ("history", not history.available),
        )
        if missing
    ]
    return Figures(
        generated=sources.today,
        posts=len(posts),
        months=sources.months,
        authorship=authorship,
        cadence=cadence_figures(
            posts, sources.today, sources.months, people, authorship.by_department
        ),
        editorial=editorial_figures(posts, history.first_commit, sources.zone, people),
        corrections=corrections,
        correction_counts=_ordered_counts([c.kind for c in corrections], sources.correction_types),
        polls=_public_polls(sources.polls, posts),
        credits=image_credits(posts, people),
        disclosures=listed,
        disclosure_counts=_ordered_counts([d.kind for d in listed], sources.disclosure_types),
        guidelines=sources.guidelines,
        editors=_editors(people),
        history_missing=history.missing_reason,
        unavailable=tuple(unavailable),
        dialogue=sources.dialogue,
    )


def _ordered_counts(kinds: Sequence[str], order: Sequence[str]) -> dict[str, int]:
    counts = Counter(kinds)
    return {kind: counts[kind] for kind in [*order, *sorted(set(counts) - set(order))]}


def _public_polls(
    polls: Sequence[PollOutcome] | None, posts: Sequence[PostRecord]
) -> tuple[PollOutcome, ...] | None:
    # Polls in drafts or intranet-only posts never count, like their posts.
    if polls is None:
        return None
    counted = {post.url for post in posts}
    return tuple(poll for poll in polls if poll.article_url in counted)


def _editors(people: Mapping[str, Person] | None) -> tuple[Link, ...] | None:
    if people is None:
        return None
    editors = [p for p in people.values() if p.is_editor and p.status == "active"]
    return tuple(Link(p.name, p.url) for p in sorted(editors, key=lambda p: p.name.casefold()))
