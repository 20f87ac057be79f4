"""Accessible SVG charts drawn at build time: no script, colours from the theme's CSS.

Across, every position is a percentage of the chart's width; down, they are CSS pixels. The
SVG has no viewBox, so it is never scaled: text keeps its CSS pixel size on a phone too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

# The narrowest a chart is drawn (a 360 px phone less the page margins), in CSS pixels: axis
# labels are thinned out so that they do not overlap even there.
NARROWEST = 320
# Room one axis label needs, in CSS pixels, so labels never overlap however many columns there are.
_LABEL_ROOM = 60
# Share of the width left right of the longest horizontal bar for its value.
_VALUE_ROOM = 14


@dataclass(frozen=True)
class Bar:
    """One value; `tick` and `subtick` label it under the axis (column charts only)."""

    label: str
    value: int
    tick: str = ""
    subtick: str = ""
    muted: bool = False  # drawn in the muted colour, e.g. "no department given"


@dataclass(frozen=True)
class Row:
    """One labelled row of values in a grid of small column charts."""

    label: str
    values: Sequence[int]
    muted: bool = False


def column_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> Markup:
    """Vertical bars with their values on top, e.g. posts per month."""
    top, bottom, height = 22, 40, 220
    plot = height - top - bottom
    slot = 100 / max(len(bars), 1)
    peak = max((bar.value for bar in bars), default=0) or 1
    parts = [_line(0, top + plot, 100, top + plot)]
    for index, bar in enumerate(bars):
        x = index * slot
        middle = x + slot / 2
        size = plot * bar.value / peak
        if bar.value:
            parts.append(_rect(x + slot * 0.15, top + plot - size, slot * 0.7, size, bar.muted))
            parts.append(_text(middle, top + plot - size - 5, str(bar.value), "chart__value"))
        for label, y in ((bar.tick, top + plot + 16), (bar.subtick, top + plot + 32)):
            if label:
                parts.append(_tick(index, len(bars), slot, y, label))
    return _svg(chart_id, title, desc, height, parts)


def bar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> Markup:
    """Horizontal bars, each under its label with the value at its end, e.g. posts by level."""
    row = 44
    peak = max((bar.value for bar in bars), default=0) or 1
    parts = []
    for index, bar in enumerate(bars):
        y = 8 + index * row
        size = (100 - _VALUE_ROOM) * bar.value / peak
        parts.append(_text(0, y + 14, bar.label, "chart__label", anchor="start"))
        if bar.value:
            parts.append(_rect(0, y + 20, size, 16, bar.muted))
        parts.append(_text(size, y + 33, str(bar.value), "chart__value", anchor="start", shift=6))
    return _svg(chart_id, title, desc, 8 + len(bars) * row + 4, parts)


def grid_chart(
    chart_id: str, title: str, desc: str, columns: Sequence[str], rows: Sequence[Row]
) -> Markup:
    """One row of small columns per group, sharing one scale, e.g. department by quarter."""
    row, band = 70, 30
    slot = 100 / max(len(columns), 1)
    peak = max((value for r in rows for value in r.values), default=0) or 1
    parts = []
    for index, item in enumerate(rows):
        y = 4 + index * row
        base = y + 20 + 14 + band
        parts.append(_text(0, y + 16, item.label, "chart__label", anchor="start"))
        parts.append(_line(0, base, 100, base))
        for column, value in enumerate(item.values):
            x = column * slot
            size = band * value / peak
            if value:
                parts.append(_rect(x + slot * 0.2, base - size, slot * 0.6, size, item.muted))
                parts.append(_text(x + slot / 2, base - size - 4, str(value), "chart__value"))
    y = 4 + len(rows) * row
    step = math.ceil(_LABEL_ROOM / (NARROWEST * slot / 100))
    for column, label in enumerate(columns):
        if column % step == (len(columns) - 1) % step:
            parts.append(_tick(column, len(columns), slot, y + 10, label))
    return _svg(chart_id, title, desc, y + 20, parts)


def _tick(column: int, columns: int, slot: float, y: float, label: str) -> str:
    """An axis label under its column; the outermost ones end at the chart's edge, never past it."""
    # A label is wider than a column on a phone: centred under the first or last column, it
    # would stick out of the chart and be cut ("Q4 202").
    if column == 0 and columns > 1:
        return _text(column * slot, y, label, "chart__tick", anchor="start")
    if column == columns - 1 and columns > 1:
        return _text((column + 1) * slot, y, label, "chart__tick", anchor="end")
    return _text(column * slot + slot / 2, y, label, "chart__tick")


def _svg(chart_id: str, title: str, desc: str, height: float, parts: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" id={quoteattr(chart_id)} role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' width="100%" height="{_n(height)}"'
        ' xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(parts) + "</svg>"
    )


def _rect(x: float, y: float, width: float, height: float, muted: bool) -> str:
    kind = "chart__bar chart__bar--muted" if muted else "chart__bar"
    return (
        f'<rect class="{kind}" x="{_n(x)}%" y="{_n(y)}" width="{_n(width)}%"'
        f' height="{_n(height)}"/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="chart__axis" x1="{_n(x1)}%" y1="{_n(y1)}" x2="{_n(x2)}%" y2="{_n(y2)}"/>'


def _text(
    x: float, y: float, content: str, kind: str, anchor: str = "middle", shift: float = 0
) -> str:
    # `shift` moves the text by CSS pixels from a percentage, e.g. just past a bar's end.
    dx = f' dx="{_n(shift)}"' if shift else ""
    return (
        f'<text class="{kind}" x="{_n(x)}%"{dx} y="{_n(y)}" text-anchor="{anchor}">'
        f"{escape(content)}</text>"
    )


def _n(value: float) -> str:
    # Two decimals of a percentage are finer than a pixel at any width the page shows.
    return f"{value:.2f}".rstrip("0").removesuffix(".")
