"""Geometry of the views-per-month column chart; the template draws it as inline SVG.

Across, positions are percentages of the chart's width; down, CSS pixels. The SVG has no
viewBox, so it is never scaled and its text keeps its CSS pixel size on a phone too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 100  # per cent
HEIGHT = 220
NARROWEST = 320  # CSS pixels: a 360 px phone less the page margins
LABEL_ROOM = 44  # CSS pixels one month name or view count needs so that neighbours never touch
TOP = 22  # room for the value above the tallest column
BOTTOM = 24  # room for the month labels
GAP = 0.25  # share of each slot left empty between columns


@dataclass(frozen=True)
class Column:
    """One month's column: its box (across in per cent), the label's centre, month and views."""

    x: float
    y: float
    width: float
    height: float
    centre: float
    month: dt.date
    views: int


@dataclass(frozen=True)
class Chart:
    """A column chart `height` px high, baseline at `baseline`; every `label_step`th labelled."""

    width: int
    height: int
    baseline: int
    columns: tuple[Column, ...]
    label_step: int = 1

    def labelled(self, index: int) -> bool:
        """Whether column `index` shows its month and views (always the latest one)."""
        return index % self.label_step == (len(self.columns) - 1) % self.label_step


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
    step = math.ceil(LABEL_ROOM / (NARROWEST * slot / WIDTH))
    return Chart(WIDTH, HEIGHT, baseline, tuple(columns), label_step=step)
