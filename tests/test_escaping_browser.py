"""Every page of the hostile site in real Chromium: no payload runs, none becomes an element."""

from __future__ import annotations

from typing import Any

import pytest

from tests import hostile_site
from tests.sites import BuildRun

pytestmark = pytest.mark.browser

# Elements and attributes a payload would have made; the theme itself has none of them.
INJECTED = """() => {
  const found = [...document.querySelectorAll(
    'img[src="x"], svg[onload], [onerror], [onload], a[href^="javascript:" i], iframe'
  )].map(element => element.outerHTML.slice(0, 80));
  for (const script of document.scripts) {
    if (script.type === 'application/ld+json') JSON.parse(script.textContent);
    else if (!script.src) found.push(script.outerHTML.slice(0, 80));
  }
  return found;
}"""


@pytest.fixture
def served(served_hostile: tuple[str, BuildRun]) -> tuple[str, BuildRun]:
    """The hostile site served (tests/conftest.py): the preview, then the strict public build."""
    return served_hostile


def test_no_payload_fires_or_becomes_an_element_on_any_page(
    served: tuple[str, BuildRun], browser: Any
) -> None:
    base, run = served
    pages = [str(p).removesuffix("index.html") for p in run.pages()]
    assert len(pages) >= 20
    dialogs: list[tuple[str, str]] = []
    injected: dict[str, list[str]] = {}
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append((page.url, dialog.message)), dialog.dismiss()))
    for address in pages:
        page.goto(base + address, wait_until="load")
        found = page.evaluate(INJECTED)
        if found:
            injected[address] = found
    context.close()
    assert (injected, dialogs) == ({}, [])


def test_payload_is_shown_as_text_in_the_title_bar_and_heading(
    served: tuple[str, BuildRun], browser: Any
) -> None:
    base, _ = served
    page = browser.new_page()
    page.goto(base + "2026/deutsch-title-alerttitle-alerttitle/")
    title = "Deutsch " + hostile_site.hostile("title")
    assert page.locator("h1.post__title").inner_text() == title
    assert page.title().startswith(title)
    page.close()
