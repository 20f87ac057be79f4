"""The story form of the built sample site in real Chromium, with the backend under /api:
without script (form -> check page -> thanks) and with script (in place), axe-core on each."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import axe_violations, axe_violations_of_copy, watched_page
from tests.servers import PreviewServer, free_port, preview_env, start_preview
from tests.sites import BuildRun

pytestmark = pytest.mark.browser
FORM = "/geschichte-vorschlagen/"
STORY = "Marco repariert in der Mittagspause alte Lastenvelos.\n\nFragt ihn!"


@pytest.fixture
def served(preview_site: BuildRun, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The preview build and a fresh backend on one origin, as `invoke livereload` serves them."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    db = tmp_path / "faces.sqlite3"
    environ = preview_env(preview_site.output, origin, db, FACES_FORM_MIN_SECONDS="0")
    server: PreviewServer = start_preview(preview_site.output, environ, port)
    try:
        yield origin, db
    finally:
        server.stop()


def stored(db: Path) -> list[tuple[str, ...]]:
    """Every stored proposal: about, text, department, contact."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT about, text, department, contact FROM stories").fetchall()
    finally:
        conn.close()


def fill(page: Any) -> None:
    """Fill the form as a colleague would."""
    page.check("#story-about-someone")
    page.fill("#story-person", "Marco")
    page.fill("#story-department", "Montage")
    page.fill("#story-text", STORY)
    page.fill("#story-contact", "+41 44 123 45 67")


def test_without_script_the_form_asks_to_confirm_then_thanks(browser: Any, served: Any) -> None:
    origin, db = served
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page, watch = watched_page(context, origin)
    page.goto(origin + FORM)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    fill(page)
    page.click(".story-form__submit")
    page.wait_for_url(f"{origin}/api/stories")
    assert page.locator("h2").inner_text() == "Bitte prüfen Sie Ihren Vorschlag"
    assert page.locator(".story-check p").all_inner_texts()[:2] == [
        "Marco repariert in der Mittagspause alte Lastenvelos.",
        "Fragt ihn!",
    ]
    assert stored(db) == []
    checked = axe_violations_of_copy(browser, page)
    page.click("button[type=submit]")
    page.wait_for_selector(".form-note--ok")
    assert page.locator(".form-note--ok").inner_text().startswith("Danke!")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.locator("main a").get_attribute("href") == "/"
    assert stored(db) == [("someone", STORY, "Montage", "+41 44 123 45 67")]
    assert checked == [] and axe_violations_of_copy(browser, page) == []
    assert watch.foreign_requests() == [] and watch.failed == []
    context.close()


def test_with_script_the_answer_appears_in_place(browser: Any, served: Any) -> None:
    origin, db = served
    page, watch = watched_page(browser, origin)
    page.goto(origin + FORM)
    assert axe_violations(page) == []
    fill(page)
    page.fill("#story-department", "")
    page.click(".story-form__submit")  # the browser's own check stops an empty department
    assert page.evaluate("document.activeElement.id") == "story-department"
    page.fill("#story-department", "Montage")
    page.click(".story-form__submit")
    answer = page.locator("[data-story-answer]")
    answer.filter(has_text="Danke!").wait_for()
    assert page.url == origin + FORM and page.input_value("#story-text") == ""
    assert stored(db) == [("someone", STORY, "Montage", "+41 44 123 45 67")]
    assert axe_violations(page) == []
    assert watch.foreign_requests() == [] and watch.console_errors == []
    page.close()
