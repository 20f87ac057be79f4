"""The reach figures: views per page, post, author, department and month, from the counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from babel.numbers import format_decimal

from .chart import Chart, month_chart
from .data import ViewData
from .pages import Countable


@dataclass(frozen=True)
class Counts:
    """Views of one page: all time, in the recent window, and per month ("YYYY-MM")."""

    total: int = 0
    recent: int = 0
    months: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PostReads:
    """One post with its views."""

    post: Any  # pelican.contents.Article: title, url, date, lang for the templates
    path: str
    total: int
    recent: int


@dataclass(frozen=True)
class AuthorReads:
    """The views of everything one author wrote, and of each post."""

    handle: str
    total: int
    recent: int
    posts: tuple[PostReads, ...]  # most read recently first


@dataclass(frozen=True)
class DepartmentReads:
    """The views of the posts written (or co-written) by a department's people."""

    key: str | None  # None: posts whose authors have no department
    label: str | None
    total: int
    recent: int
    posts: int


@dataclass(frozen=True)
class MonthReads:
    """The views of all counted pages in one month."""

    month: dt.date  # its first day
    views: int


@dataclass(frozen=True)
class Reach:
    """Everything the templates show; `context["reach"]`."""

    as_of: dt.date
    window_days: int
    total: int
    recent: int
    paths: Mapping[str, Counts]
    posts: tuple[PostReads, ...]
    top_posts: tuple[PostReads, ...]
    authors: Mapping[str, AuthorReads]
    departments: tuple[DepartmentReads, ...] | None  # None without author profiles
    months: tuple[MonthReads, ...]
    chart: Chart | None  # the months as columns; None before anything was counted
    locale: str = "de_CH"
    privacy_url: str | None = None  # where the privacy page explains the counting
    figures_url: str | None = None  # the figures as JSON (export.py), if the build writes them

    @property
    def window_start(self) -> dt.date:
        """The first day of the recent window."""
        return self.as_of - dt.timedelta(days=self.window_days - 1)

    def counts(self, path: str) -> Counts:
        """The views of one page path (zeros if it was never counted)."""
        return self.paths.get(path) or Counts()

    def author(self, handle: str) -> AuthorReads | None:
        """The reads of one author's posts, or None if they have no published post."""
        return self.authors.get(handle)

    def number(self, value: int) -> str:
        """Format a count for the interface language (1’234 in de_CH, 1,234 in en_GB)."""
        return format_decimal(value, locale=self.locale)


def count_path(days: Mapping[dt.date, int], as_of: dt.date, window_days: int) -> Counts:
    """Add up one page's days: all time, the window ending at `as_of`, and per month."""
    start = as_of - dt.timedelta(days=window_days - 1)
    months: dict[str, int] = {}
    for day, views in sorted(days.items()):
        key = f"{day.year:04d}-{day.month:02d}"
        months[key] = months.get(key, 0) + views
    recent = sum(views for day, views in days.items() if start <= day <= as_of)
    return Counts(sum(days.values()), recent, months)


def compute_reach(
    data: ViewData,
    pages: Iterable[Countable],
    profiles: Mapping[str, Any] | None,
    *,
    window_days: int,
    months: int,
    top_posts: int,
    locale: str,
    today: dt.date,
) -> Reach:
    """Compute every figure from the pulled counts and the pages this build publishes."""
    as_of = data.as_of or today
    paths = {path: count_path(days, as_of, window_days) for path, days in data.paths.items()}
    posts = [
        PostReads(page.content, page.path, counts.total, counts.recent)
        for page in pages
        if page.kind == "post"
        for counts in (paths.get(page.path) or Counts(),)
    ]
    posts.sort(key=_by_reads)
    per_month = _months(paths.values(), as_of, months)
    return Reach(
        as_of=as_of,
        window_days=window_days,
        total=sum(counts.total for counts in paths.values()),
        recent=sum(counts.recent for counts in paths.values()),
        paths=paths,
        posts=tuple(posts),
        top_posts=tuple(post for post in posts if post.recent > 0)[:top_posts],
        authors=_authors(posts),
        departments=None if profiles is None else _departments(posts, profiles),
        months=per_month,
        chart=month_chart([(month.month, month.views) for month in per_month]),
        locale=locale,
    )


def _by_reads(post: PostReads) -> tuple[int, int, float]:
    return (-post.recent, -post.total, -post.post.date.timestamp())


def _authors(posts: list[PostReads]) -> dict[str, AuthorReads]:
    by_handle: dict[str, list[PostReads]] = {}
    for post in posts:
        for author in getattr(post.post, "authors", []):
            by_handle.setdefault(author.slug, []).append(post)
    return {
        handle: AuthorReads(
            handle,
            sum(post.total for post in written),
            sum(post.recent for post in written),
            tuple(written),
        )
        for handle, written in by_handle.items()
    }


def _departments(
    posts: list[PostReads], profiles: Mapping[str, Any]
) -> tuple[DepartmentReads, ...]:
    sums: dict[str | None, list[int]] = {}
    labels: dict[str | None, str | None] = {None: None}
    for post in posts:
        # A post by people of two departments counts once for each of them.
        keys: set[str | None] = set()
        for author in getattr(post.post, "authors", []):
            profile = profiles.get(author.slug)
            if profile is None or getattr(profile, "status", "active") == "removed":
                continue
            key = getattr(profile, "department", None) or None
            keys.add(key)
            labels[key] = getattr(profile, "department_label", None) or key
        for key in keys or {None}:
            total, recent, count = sums.get(key, [0, 0, 0])
            sums[key] = [total + post.total, recent + post.recent, count + 1]
    rows = [
        DepartmentReads(key, labels.get(key), total, recent, count)
        for key, (total, recent, count) in sums.items()
    ]
    rows.sort(key=lambda row: (-row.recent, -row.total, row.key is None, row.label or ""))
    return tuple(rows)


def _months(paths: Iterable[Counts], as_of: dt.date, limit: int) -> tuple[MonthReads, ...]:
    views: dict[str, int] = {}
    for counts in paths:
        for key, number in counts.months.items():
            views[key] = views.get(key, 0) + number
    if not views:
        return ()
    last = dt.date(as_of.year, as_of.month, 1)
    first_counted = dt.date.fromisoformat(f"{min(views)}-01")
    months: list[MonthReads] = []
    month = last
    while len(months) < limit and month >= first_counted:
        months.append(MonthReads(month, views.get(f"{month.year:04d}-{month.month:02d}", 0)))
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return tuple(reversed(months))
