"""Cadence: posts per month, and per department and quarter, over a window ending today."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .authorship import Count, groups_of
from .people import Person
from .posts import PostRecord


@dataclass(frozen=True)
class Period:
    """Posts in one month or quarter, named by its first day."""

    start: dt.date
    value: int


@dataclass(frozen=True)
class Series:
    """One department's posts per quarter; key and label None for "not known"."""

    key: str | None
    label: str | None
    values: tuple[int, ...]


@dataclass(frozen=True)
class Cadence:
    """How often posts appear; by_department is None without profiles."""

    months: tuple[Period, ...]
    quarters: tuple[dt.date, ...]
    by_department: tuple[Series, ...] | None
    before_window: int


def month_starts(today: dt.date, months: int) -> list[dt.date]:
    """The first days of the last `months` months, the current one last."""
    index = today.year * 12 + today.month - 1
    return [dt.date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def quarter_start(day: dt.date) -> dt.date:
    """The first day of the day's quarter."""
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def cadence_figures(
    posts: Sequence[PostRecord],
    today: dt.date,
    months: int,
    people: Mapping[str, Person] | None,
    departments: Sequence[Count] | None,
) -> Cadence:
    """Posts per month and per department and quarter, in the window ending this month."""
    starts = month_starts(today, months)
    in_window = [p for p in posts if starts[0] <= p.published.date() <= today]
    per_month = Counter(p.published.date().replace(day=1) for p in in_window)
    quarters = _last_quarters(today, (months + 2) // 3)
    series = None
    if people is not None and departments is not None:
        in_quarters = [p for p in posts if quarters[0] <= p.published.date() <= today]
        per_group = Counter(
            (group, quarter_start(post.published.date()))
            for post in in_quarters
            for group in groups_of(post, people, "department")
        )
        series = tuple(
            Series(row.key, row.label, tuple(per_group.get((row.key, q), 0) for q in quarters))
            for row in departments
        )
    return Cadence(
        months=tuple(Period(start, per_month.get(start, 0)) for start in starts),
        quarters=tuple(quarters),
        by_department=series,
        before_window=sum(1 for p in posts if p.published.date() < starts[0]),
    )


def _last_quarters(today: dt.date, count: int) -> list[dt.date]:
    index = today.year * 4 + (today.month - 1) // 3
    return [dt.date(i // 4, i % 4 * 3 + 1, 1) for i in range(index - count + 1, index + 1)]
