"""The opt-in pages in real Chromium: readable, accessible (axe), nothing loaded from elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.backend.notify_helpers import COMMENTER, WAIT, body
from tests.browser import PageWatch, axe_violations, launch_chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for this module."""
    yield from launch_chromium()


def test_confirm_and_stop_pages_in_chromium(browser: Any, served) -> None:
    base, notifier, box = served
    notifier.subscribe("c-0123456789ab", COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    words = body(box.to(COMMENTER)[0]).split()
    confirm = next(word for word in words if "/confirm?" in word)
    stop = next(word for word in words if "/stop?" in word)
    # axe is injected as a script, which the pages' own policy (no script at all) forbids.
    context = browser.new_context(bypass_csp=True)
    expected = {
        confirm: "Danke! Sie erhalten eine E-Mail",
        stop: "Erledigt: Ihre Adresse ist gelöscht.",
    }
    for url, message in expected.items():
        page = context.new_page()
        watch = PageWatch(base)
        watch.attach(page)
        page.goto(url)
        assert page.get_by_role("status").inner_text().startswith(message)
        assert page.title() == "Benachrichtigung bei Antworten"
        assert axe_violations(page) == []
        assert watch.foreign_requests() == []
        # The test app serves only the backend: a favicon request of the browser is a 404.
        assert [url for url, _ in watch.failed if not url.endswith("/favicon.ico")] == []
        page.close()
    context.close()
