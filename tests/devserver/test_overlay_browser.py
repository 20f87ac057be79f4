"""The preview's error overlay in real Chromium: shown on open pages, gone after the fix."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import axe_violations
from tests.devserver.live import LivePreview, post, start_live_preview

pytestmark = pytest.mark.browser

URL = "/2026/bald-weg/"
POLL = """\
```poll
id: farbe
question: {question}
options:
  - id: rot
    label: Rot
  - id: blau
    label: Blau
```
"""
GOOD = post("Bald weg", "Alter Stand.\n\n" + POLL.format(question="Welche Farbe?"))
FIXED = post("Bald weg", "Neuer Stand.\n\n" + POLL.format(question="Welche Farbe?"))
# (what breaks, the broken text, where, what the overlay says, the fix it names)
BROKEN = {
    "bad-date": (
        GOOD.replace("Date: 2026-03-10 08:00", "Date: 10.03.2026"),
        "content/posts/bald-weg.md:2",
        "'10.03.2026' im Feld 'Date' ist kein gültiges Datum.",
        "So beheben Sie es: Schreiben Sie das Datum als Jahr-Monat-Tag",
    ),
    "no-title": (
        GOOD.replace("Title: Bald weg\n", ""),
        "content/posts/bald-weg.md:4",
        "Das Pflichtfeld 'Title' fehlt.",
        "So beheben Sie es: Ergänzen Sie im Kopf der Datei eine Zeile wie 'Title:",
    ),
    "poll-yaml": (
        GOOD.replace("question: Welche Farbe?", "question: [Welche Farbe?"),
        "content/posts/bald-weg.md:11",
        "Der Umfrage-Block ist kein gültiges YAML",
        "So beheben Sie es: Prüfen Sie Einrückung und Doppelpunkte.",
    ),
}
OVERLAY = "#faces-preview-problems"


@pytest.fixture(scope="module")
def running_preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LivePreview]:
    # One preview for the module: each start is a process, a first build and a kept build.
    running = start_live_preview(tmp_path_factory.mktemp("overlay"), {"bald-weg.md": GOOD})
    yield running
    running.stop()


@pytest.fixture
def preview(running_preview: LivePreview) -> LivePreview:
    """The module's preview, built again from the good post if a test left another one."""
    source = running_preview.posts / "bald-weg.md"
    if source.read_text(encoding="utf-8") != GOOD:
        source.write_text(GOOD, encoding="utf-8")
        running_preview.next_build()
    return running_preview


def open_page(browser: Any, preview: LivePreview, path: str) -> Any:
    """A 360 px wide page showing path, once its /__reload stream is connected."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    with page.expect_response(lambda response: urlsplit(response.url).path == "/__reload"):
        page.goto(preview.origin + path)
    return page


def fits_the_screen(page: Any) -> bool:
    """The overlay is inside the 360 px viewport and nothing in it scrolls sideways."""
    return page.eval_on_selector(
        OVERLAY,
        "el => { const box = el.getBoundingClientRect();"
        " return box.left >= 0 && box.right <= innerWidth && el.scrollWidth <= el.clientWidth"
        " && document.documentElement.scrollWidth <= innerWidth; }",
    )


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_open_pages_show_the_error_until_it_is_fixed(
    browser: Any, preview: LivePreview, case: str
) -> None:
    broken, place, message, fix = BROKEN[case]
    post_page = open_page(browser, preview, URL)
    home = open_page(browser, preview, "/")
    assert post_page.locator(OVERLAY).count() == 0
    assert "Alter Stand." in post_page.inner_text("main")

    (preview.posts / "bald-weg.md").write_text(broken, encoding="utf-8")
    preview.next_build()
    for page in (post_page, home):
        overlay = page.locator(OVERLAY)
        overlay.wait_for(state="visible")
        alert = overlay.locator("[role=alert]")
        assert f"{place} {message}" in alert.inner_text()
        assert fix in alert.inner_text()
        assert fits_the_screen(page)
    if case != "poll-yaml":
        # The post itself is not built: its address shows the error, not the stale version.
        post_page.wait_for_function("() => !document.body.innerText.includes('Alter Stand.')")

    (preview.posts / "bald-weg.md").write_text(FIXED, encoding="utf-8")
    preview.next_build()
    for page in (post_page, home):
        page.locator(OVERLAY).wait_for(state="detached")
    post_page.get_by_text("Neuer Stand.").wait_for()
    for page in (post_page, home):
        page.close()


def test_the_overlay_is_accessible_and_can_be_hidden(browser: Any, preview: LivePreview) -> None:
    page = open_page(browser, preview, "/")
    (preview.posts / "bald-weg.md").write_text(BROKEN["bad-date"][0], encoding="utf-8")
    preview.next_build()
    page.locator(OVERLAY).wait_for(state="visible")
    assert page.locator(OVERLAY).get_attribute("lang") == "de"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Meldung ausblenden").click()
    page.locator(OVERLAY).wait_for(state="detached")
    page.close()


def test_author_text_in_the_overlay_stays_text(browser: Any, preview: LivePreview) -> None:
    hostile = '<img src=x onerror="window.pwned=1"><b>fett</b>'
    page = open_page(browser, preview, "/")
    broken = GOOD.replace("Date: 2026-03-10 08:00", f"Date: {hostile}")
    (preview.posts / "bald-weg.md").write_text(broken, encoding="utf-8")
    preview.next_build()
    page.locator(OVERLAY).wait_for(state="visible")
    assert hostile in page.locator(OVERLAY).inner_text()
    assert page.locator(f"{OVERLAY} img, {OVERLAY} b").count() == 0
    assert page.evaluate("() => window.pwned") is None
    page.reload()
    assert hostile in page.locator(OVERLAY).inner_text()
    assert page.evaluate("() => window.pwned") is None
    page.close()
