"""Geometry of the views-per-month column chart; the template draws it as inline SVG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 220
TOP = 22  # room for the value above the tallest column
BOTTOM = 24  # room for the month labels
GAP = 0.25  # share of each slot left empty between columns


@dataclass(frozen=True)
class Column:
    """One month's column: its box in chart units, the label's centre, the month and views."""

    x: float
    y: float
    width: float
    height: float
    centre: float
    month: dt.date
    views: int


@dataclass(frozen=True)
class Chart:
    """A column chart of `width` x `height` units, with the baseline at `baseline`."""

    width: int
    height: int
    baseline: int
    columns: tuple[Column, ...]


def month_chart(months: Sequence[tuple[dt.date, int]]) -> Chart | None:
    """Lay out one column per (month, views), scaled to the busiest month; None without any."""
    if not months:
        return None
    baseline = HEIGHT - BOTTOM
    tallest = max(views for _, views in months) or 1
    slot = WIDTH / len(months)
    width = slot * (1 - GAP)
    columns = []
    for index, (month, views) in enumerate(months):
        height = (baseline - TOP) * views / tallest
        x = index * slot + (slot - width) / 2
        columns.append(
            Column(
                x=round(x, 1),
                y=round(baseline - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                centre=round(x + width / 2, 1),
                month=month,
                views=views,
            )
        )
    return Chart(WIDTH, HEIGHT, baseline, tuple(columns))
