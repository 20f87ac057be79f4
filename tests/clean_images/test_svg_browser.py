"""Chromium opens the published SVG files directly and inside their post: nothing runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import PageWatch
from tests.clean_images.hostile_svg import Case
from tests.servers import free_port, serve_static
from tests.sites import BuildRun

pytestmark = pytest.mark.browser

# Files whose script runs on its own when the raw file is opened (the control).
RUNS_WHEN_RAW = ("script.svg", "onload.svg", "foreign-object.svg")


def open_and_poke(browser: Any, address: str) -> tuple[list[str], PageWatch]:
    """Open an address, click into the drawing, and return the dialogs that fired."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    watch = PageWatch(address)
    watch.attach(page)
    page.goto(address, wait_until="load")
    # Links and click handlers sit on the drawing's top-left rectangle.
    page.mouse.click(10, 10)
    # Dialogs are delivered in order with other page events: a round trip flushes them.
    page.evaluate("1")
    page.close()
    return dialogs, watch


def test_the_control_fires_when_the_raw_files_are_opened(
    browser: Any, svg_site: tuple[Path, dict[str, Case]]
) -> None:
    settings, _ = svg_site
    with serve_static(settings.parent / "content" / "images", free_port()) as base:
        for name in RUNS_WHEN_RAW:
            dialogs, _ = open_and_poke(browser, base + name)
            assert dialogs, name


def test_no_published_svg_runs_anything(
    browser: Any, svg_build: BuildRun, svg_site: tuple[Path, dict[str, Case]]
) -> None:
    _, cases = svg_site
    published = sorted(p.name for p in (svg_build.output / "images").glob("*.svg"))
    assert published == sorted(n for n, c in cases.items() if c.verdict in ("clean", "cleaned"))
    with serve_static(svg_build.output, free_port()) as base:
        for name in published:
            dialogs, watch = open_and_poke(browser, f"{base}images/{name}")
            assert (name, dialogs, watch.foreign_requests()) == (name, [], [])
        dialogs, watch = open_and_poke(browser, f"{base}2026/ein-gezeichneter-beitrag/")
        assert (dialogs, watch.foreign_requests()) == ([], [])
        assert sum(f"images/{name}" in url for url in watch.requests for name in published) == len(
            published
        )
