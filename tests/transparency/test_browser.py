"""The transparency page in real Chromium: charts drawn, accessible, nothing from other hosts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import PageWatch, axe_violations, watched_page
from tests.html_check import vnu_errors
from tests.minisite import make_site
from tests.servers import free_port, serve_static
from tests.sites import BuildRun, run_build

from .conftest import header, plugin_settings

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, BuildRun]]:
    """A tiny site without profiles, polls or history: the page with its notice."""
    folder = tmp_path_factory.mktemp("transparency-bare")
    settings = make_site(
        folder,
        {"late.md": header("Ohne Einreichung", "2026-05-04", Disclosure="sponsored")},
        plugin_settings(),
    )
    run = run_build(folder / "output", settings=str(settings), strict=True, cwd=folder)
    assert run.returncode == 0, run.log
    port = free_port()
    with serve_static(run.output, port) as url:
        yield url, run


def open_page(browser: Any, url: str, width: int) -> tuple[Any, PageWatch]:
    page, watch = watched_page(browser, url, viewport={"width": width, "height": 900})
    response = page.goto(url + "transparenz/", wait_until="networkidle")
    assert response is not None and response.status == 200
    return page, watch


@pytest.mark.parametrize("width", [1280, 360])
def test_the_charts_render_and_the_page_is_accessible(
    browser: Any, served_public: tuple[str, BuildRun], width: int
) -> None:
    url, _ = served_public
    page, watch = open_page(browser, url, width)
    charts = page.locator("svg.chart")
    assert charts.count() == 4
    for index in range(charts.count()):
        chart = charts.nth(index)
        box = chart.bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 100
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert chart.locator("rect.chart__bar").count() > 0
        name = page.evaluate(
            "id => document.getElementById(id).getAttribute('aria-labelledby')",
            chart.get_attribute("id"),
        )
        assert name and all(page.locator(f"#{part}").count() == 1 for part in name.split())
    # The bars take the theme's brand colour from its CSS variables.
    fill = page.evaluate("getComputedStyle(document.querySelector('rect.chart__bar')).fill")
    brand = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()"
    )
    assert fill == _rgb(brand)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.locator("#table-months").is_visible()
    assert axe_violations(page) == []
    assert watch.foreign_requests() == []
    assert watch.console_errors == []
    page.close()


def test_the_page_without_profiles_polls_or_history_is_accessible_too(
    browser: Any, bare: tuple[str, BuildRun]
) -> None:
    url, _ = bare
    page, watch = open_page(browser, url, 1280)
    assert page.locator(".transparency__notice li").count() == 3
    assert page.locator("svg.chart").count() == 1
    assert axe_violations(page) == []
    assert watch.foreign_requests() == [] and watch.console_errors == []
    page.close()


def test_the_page_is_valid_html(
    served_public: tuple[str, BuildRun], bare: tuple[str, BuildRun]
) -> None:
    pages = [run.output / "transparenz" / "index.html" for _, run in (served_public, bare)]
    assert vnu_errors(pages) == []


def _rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"
