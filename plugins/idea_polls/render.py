"""The poll as readers see it at build time: its state, the numbers it may show, its HTML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.numbers import format_percent
from jinja2 import Template

from .blocks import END_OF_DAY
from .model import Option, Poll, Snapshot

TEMPLATE = "partials/poll.html"
OPEN, READ_ONLY, CLOSED = "open", "readonly", "closed"


@dataclass(frozen=True)
class ResultRow:
    """One option with its votes from the snapshot and its share of all ballots."""

    option: Option
    votes: int
    share: str


@dataclass(frozen=True)
class PollView:
    """What the template needs for one poll."""

    poll: Poll
    state: str
    endpoint: str
    results_url: str
    next_url: str
    rows: tuple[ResultRow, ...]
    snapshot: Snapshot | None
    closes: datetime | None  # in the site's time zone
    closes_all_day: bool  # written as a date: say the day, not the time


@dataclass(frozen=True)
class PollRenderer:
    """Renders the polls of one build: the theme's template, endpoints, snapshots and time."""

    template: Template
    endpoint: str | None
    results_endpoint: str | None
    site_url: str
    locale: str
    zone: ZoneInfo
    snapshots: dict[str, Snapshot]
    now: datetime
    # The locale of each content language ("en" -> "en_GB"): a poll speaks its post's language.
    locales: Mapping[str, str] = field(default_factory=dict)

    def view(self, poll: Poll, content_url: str, lang: str | None = None) -> PollView:
        """Decide how the poll appears now: open form, read-only or closed, with numbers or not."""
        state = CLOSED if poll.closed_at(self.now) else OPEN if self.endpoint else READ_ONLY
        snapshot = poll.snapshot
        rows: tuple[ResultRow, ...] = ()
        if snapshot is not None and poll.results_visible(self.now):
            locale = self.locales.get(lang or "", self.locale)
            rows = tuple(self.row(option, snapshot, locale) for option in poll.options)
        closes = poll.closes.astimezone(self.zone) if poll.closes else None
        # The backend links back to an http(s) address on an allowed origin, or to a path on
        # its own origin: with SITEURL "" or "/blog" (the preview) the post's path. Never
        # leave it to the Referer, which browsers and privacy settings may withhold.
        rooted = self.site_url.startswith(("https://", "http://", "/")) or not self.site_url
        return PollView(
            poll=poll,
            state=state,
            endpoint=self.endpoint or "",
            results_url=(self.results_endpoint or "").replace("{poll}", poll.id),
            next_url=f"{self.site_url}/{content_url}#poll-{poll.id}" if rooted else "",
            rows=rows,
            snapshot=snapshot,
            closes=closes,
            closes_all_day=closes is not None and closes.time() == END_OF_DAY,
        )

    def row(self, option: Option, snapshot: Snapshot, locale: str | None = None) -> ResultRow:
        """One option's line of the results, its share written for the locale."""
        votes = snapshot.votes.get(option.id, 0)
        share = votes / snapshot.total if snapshot.total else 0
        return ResultRow(option, votes, format_percent(share, locale=locale or self.locale))

    def render(self, view: PollView, lang: str | None = None) -> str:
        """Return the poll's HTML, its interface in `lang` where the theme has it (site_i18n)."""
        if lang is None:
            return self.template.render(view=view)
        return self.template.render(view=view, UI_LANG=lang)
