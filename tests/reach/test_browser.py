"""Reach in real Chromium on the preview origin: counted once with and once without JavaScript,
never with Global Privacy Control; the pulled counts on the author and transparency pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser import PageWatch, axe_violations
from tests.reach.helpers import BROWSER_UA
from tests.reach.site import EXPECTED, build_reach_site
from tests.servers import PreviewServer, free_port, preview_env, start_preview
from tests.sites import BuildRun

pytestmark = pytest.mark.browser
POST = "/2026/ein-guter-beitrag/"
GPC_SCRIPT = (
    "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"
)


@dataclass
class Preview:
    """The built site and the backend on one origin, as `invoke livereload` serves them."""

    origin: str
    db: Path
    server: PreviewServer

    def stop(self) -> None:
        """Shut down; the backend's lifespan writes the views still in memory."""
        self.server.stop()

    def views(self) -> list[tuple[str, int]]:
        """The stored (path, views) rows, after stop()."""
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute("SELECT path, views FROM page_views ORDER BY path").fetchall()
        finally:
            conn.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    return build_reach_site(tmp_path_factory.mktemp("reach-browser"))


@pytest.fixture
def preview(built: BuildRun, tmp_path: Path) -> Iterator[Preview]:
    """A fresh backend (database and repeat window) behind the preview app on a free port."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    db = tmp_path / "faces.sqlite3"
    views = built.output / "reach" / "manifest.json"
    environ = preview_env(built.output, origin, db, FACES_VIEWS_MANIFEST=str(views))
    running = Preview(origin, db, start_preview(built.output, environ, port))
    yield running
    if running.server.thread.is_alive():
        running.stop()


def reader_context(browser: Any, **options: Any) -> Any:
    """A reader's browser: Chromium with an ordinary user agent (headless ones are bots)."""
    return browser.new_context(user_agent=BROWSER_UA, **options)


def open_and_report(context: Any, url: str, watch: PageWatch) -> str:
    """Open a page and return the Reach-Status of its view report."""
    page = context.new_page()
    watch.attach(page)
    with page.expect_response(lambda r: "/api/views" in r.url) as answer:
        page.goto(url)
    page.wait_for_load_state("networkidle")
    page.close()
    return str(answer.value.headers["reach-status"])


def test_a_view_with_javascript_counts_once(browser: Any, preview: Preview) -> None:
    context = reader_context(browser)
    watch = PageWatch(preview.origin)
    first = open_and_report(context, preview.origin + POST, watch)
    again = open_and_report(context, preview.origin + POST, watch)
    context.close()
    preview.stop()
    assert (first, again) == ("counted", "repeat")
    reports = [url for url in watch.requests if "/api/views" in url]
    assert reports == [f"{preview.origin}/api/views?p=%2F2026%2Fein-guter-beitrag%2F"] * 2
    assert preview.views() == [(POST, 1)]
    assert watch.foreign_requests() == []
    assert watch.console_errors == [] and watch.failed == []


def test_a_view_without_javascript_counts_once(browser: Any, preview: Preview) -> None:
    context = reader_context(browser, java_script_enabled=False)
    watch = PageWatch(preview.origin)
    status = open_and_report(context, preview.origin + POST, watch)
    context.close()
    preview.stop()
    assert status == "counted"
    reports = [url for url in watch.requests if "/api/views" in url]
    assert reports == [f"{preview.origin}/api/views.gif?p=/2026/ein-guter-beitrag/"]
    assert preview.views() == [(POST, 1)]
    assert watch.foreign_requests() == []


def test_global_privacy_control_is_never_counted(browser: Any, preview: Preview) -> None:
    context = reader_context(browser, extra_http_headers={"Sec-GPC": "1"})
    context.add_init_script(GPC_SCRIPT)
    watch = PageWatch(preview.origin)
    page = context.new_page()
    assert page.evaluate("navigator.globalPrivacyControl") is True
    page.close()
    status = open_and_report(context, preview.origin + POST, watch)
    other = open_and_report(context, preview.origin + "/2026/nur-jonas/", watch)
    context.close()
    preview.stop()
    assert (status, other) == ("global_privacy_control", "global_privacy_control")
    assert preview.views() == []
    assert watch.foreign_requests() == []


def test_the_pulled_counts_show_on_the_author_and_transparency_pages(
    browser: Any, preview: Preview
) -> None:
    context = reader_context(browser)
    watch = PageWatch(preview.origin)
    page = context.new_page()
    watch.attach(page)

    page.goto(preview.origin + "/menschen/miriam-keller/", wait_until="networkidle")
    section = page.locator("section.reach-author")
    recent, total, order = EXPECTED["authors"]["miriam-keller"]
    assert section.locator("[data-reach=recent]").inner_text() == str(recent)
    assert section.locator("[data-reach=total]").inner_text() == str(total)
    assert section.locator("tbody tr").count() == len(order)
    assert axe_violations(page) == []

    page.goto(preview.origin + "/transparenz/", wait_until="networkidle")
    usage = page.locator("section#reach")
    assert usage.locator("h2").inner_text() == "Wie der Blog genutzt wird"
    assert usage.locator("[data-reach=total]").inner_text() == str(EXPECTED["site"][1])
    assert usage.locator("svg.reach-chart").is_visible()
    page.set_viewport_size({"width": 360, "height": 800})
    sizes = page.evaluate(
        """() => Array.from(document.querySelectorAll('svg.reach-chart text')).map(
          text => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)"""
    )
    assert sizes and min(sizes) >= 12  # a phone does not shrink the chart's text
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    usage.locator("details.reach-data summary").click()
    assert usage.locator("#reach-table-months").is_visible()
    assert axe_violations(page) == []

    page.goto(preview.origin + POST, wait_until="networkidle")
    assert page.locator(".reach-post").inner_text().startswith("50-mal gelesen")
    context.close()
    assert watch.foreign_requests() == []
    assert watch.console_errors == [] and watch.failed == []
