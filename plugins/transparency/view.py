"""Shape the figures for the template: chart inputs with labels in the page's locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from babel.dates import format_date
from babel.numbers import format_decimal

from .authorship import Count
from .cadence import Period, Series
from .charts import Bar, Row


class View:
    """Helpers the template calls; bound to one Babel locale."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def number(self, value: float | int | None) -> str:
        """A count or a number of days, with at most one decimal."""
        if value is None:
            return "–"
        return format_decimal(value, format="#,##0.#", locale=self.locale)

    def month(self, day: dt.date) -> str:
        """A month with its year, e.g. 'März 2026'."""
        return format_date(day, format="LLLL yyyy", locale=self.locale)

    def quarter(self, day: dt.date) -> str:
        """A quarter with its year, e.g. 'Q1 2026'."""
        return format_date(day, format="QQQ yyyy", locale=self.locale)

    def month_bars(self, months: Sequence[Period]) -> list[Bar]:
        """One bar per month; quarters (or half-years, years) and new years labelled."""
        step = 3 if len(months) <= 24 else 6 if len(months) <= 48 else 12
        bars = []
        for index, period in enumerate(months):
            month = period.start.month
            # The first bar names its year only if the next January is not right beside it.
            new_year = month == 1 or (index == 0 and month <= 10)
            bars.append(
                Bar(
                    label=self.month(period.start),
                    value=period.value,
                    tick=self._short_month(period.start) if (month - 1) % step == 0 else "",
                    subtick=str(period.start.year) if new_year else "",
                )
            )
        return bars

    def _short_month(self, day: dt.date) -> str:
        return format_date(day, format="LLL", locale=self.locale)

    def count_bars(self, counts: Sequence[Count], unknown: str) -> list[Bar]:
        """One bar per group; the group of posts without a known one is named `unknown`."""
        return [Bar(c.label or unknown, c.value, muted=c.key is None) for c in counts]

    def grid_rows(self, series: Sequence[Series], unknown: str) -> list[Row]:
        """One row per department; the posts without a known one are named `unknown`."""
        return [Row(s.label or unknown, s.values, muted=s.key is None) for s in series]

    def quarters(self, starts: Sequence[dt.date]) -> list[str]:
        """Short quarter labels for a chart's axis."""
        return [self.quarter(start) for start in starts]
