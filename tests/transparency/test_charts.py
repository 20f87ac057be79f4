"""SVG charts: accessible names, one shape per value, heights to scale, text escaped."""

from __future__ import annotations

import itertools

from bs4 import BeautifulSoup
from transparency.charts import NARROWEST, Bar, Row, bar_chart, column_chart, grid_chart


def parse(svg: str) -> BeautifulSoup:
    return BeautifulSoup(svg, "html.parser").svg


def percent(value: str) -> float:
    """A horizontal position or width, which the charts give as a percentage of their width."""
    assert value.endswith("%"), value
    return float(value.removesuffix("%"))


def test_a_column_chart_has_its_name_description_and_a_bar_per_nonzero_value() -> None:
    svg = parse(
        column_chart(
            "chart-months",
            "Posts per month",
            "Columns: posts per month.",
            [Bar("Jan 2026", 2, tick="Jan", subtick="2026"), Bar("Feb 2026", 0), Bar("Mar", 4)],
        )
    )
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "chart-months-title chart-months-desc"
    assert svg.find("title", id="chart-months-title").text == "Posts per month"
    assert svg.find("desc", id="chart-months-desc").text == "Columns: posts per month."
    heights = [float(rect["height"]) for rect in svg.find_all("rect")]
    assert len(heights) == 2 and heights[1] == 2 * heights[0]
    texts = [t.text for t in svg.find_all("text")]
    assert texts == ["2", "Jan", "2026", "4"]


def test_a_bar_chart_labels_each_bar_and_draws_unknown_groups_muted() -> None:
    svg = parse(
        bar_chart(
            "chart-departments",
            "Posts by department",
            "Bars.",
            [Bar("Entwicklung", 5), Bar("Vertrieb", 0), Bar("Ohne Angabe", 1, muted=True)],
        )
    )
    widths = [percent(rect["width"]) for rect in svg.find_all("rect")]
    assert widths[0] == 5 * widths[1]
    assert svg.find_all("rect")[1]["class"] == ["chart__bar", "chart__bar--muted"]
    assert [t.text for t in svg.find_all("text")] == [
        "Entwicklung",
        "5",
        "Vertrieb",
        "0",
        "Ohne Angabe",
        "1",
    ]


def test_a_grid_chart_shares_one_scale_and_escapes_text() -> None:
    svg = parse(
        grid_chart(
            "chart-grid",
            "Posts <per> department & quarter",
            "Rows.",
            ["Q1 2026", "Q2 2026"],
            [Row("R&D", [1, 3]), Row("Vertrieb", [0, 0])],
        )
    )
    assert svg.title.text == "Posts <per> department & quarter"
    heights = [float(rect["height"]) for rect in svg.find_all("rect")]
    assert heights[1] == 3 * heights[0]
    assert "R&D" in [t.text for t in svg.find_all("text")]
    assert "Q1 2026" in [t.text for t in svg.find_all("text")]


def test_axis_labels_are_thinned_out_so_they_never_overlap() -> None:
    columns = [f"Q{i % 4 + 1} {2020 + i // 4}" for i in range(24)]
    svg = parse(grid_chart("g", "t", "d", columns, [Row("A", [1] * 24)]))
    ticks = [t for t in svg.find_all("text") if t["class"] == ["chart__tick"]]
    xs = [percent(t["x"]) * NARROWEST / 100 for t in ticks]
    assert ticks[-1].text == columns[-1]
    assert min(b - a for a, b in itertools.pairwise(xs)) >= 54


def test_charts_are_not_scaled_so_their_text_keeps_its_css_size() -> None:
    charts = [
        column_chart("c", "t", "d", [Bar("Jan", 2, tick="Jan")]),
        bar_chart("b", "t", "d", [Bar("A", 5)]),
        grid_chart("g", "t", "d", ["Q1"], [Row("A", [1])]),
    ]
    for chart in charts:
        svg = parse(chart)
        assert svg.get("viewbox") is None and svg["width"] == "100%"
        assert float(svg["height"]) > 0
        for shape in svg.find_all(["rect", "text"]):
            percent(shape["x"])
            if shape.name == "rect":
                percent(shape["width"])
