"""Screenshots of every page type at 360, 800 and 1280 px in real Chromium against references.

The golden public build (clock fixed) is served to Chromium from its folder through Playwright's
routing at its real address; the browser's clock is fixed to the same instant, animations are
off, lazy images load at once. Each shot is compared with tests/golden/screens/NAME.png within a
tolerance (tests/golden/screens.py); `uv run invoke test --update-golden` rewrites the shots that
no longer match (see docs/testing.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

import pytest

from tests.golden.builds import FROZEN_INSTANT, PUBLIC, SITE_URL
from tests.golden.screens import REFERENCE_FOLDER, compare_screen, obsolete_references, shown
from tests.golden.snapshots import (
    UPDATE_COMMAND,
    remove_or_refuse,
    rewritten_report,
    update_requested,
)
from tests.sites import BuildRun

pytestmark = pytest.mark.browser

# The first screen's height by width, as in shared/reference/casper and test_layout_browser.
SCREENS = {360: 800, 800: 1000, 1280: 900}
# Each shot covers this many screens from its start: what a reader sees before deciding.
SCREENS_PER_SHOT = 2
FONTS_FILE = REFERENCE_FOLDER / "fonts.txt"


class Shot(NamedTuple):
    """One page type: its name, its address in the site and where the shot starts (None: top)."""

    name: str
    path: str
    start: str | None = None


SHOTS = [
    Shot("home", ""),
    Shot("post", "2025/drei-wochen-werkstatt-was-mir-vorher-niemand-gesagt-hat/"),
    Shot("post-english", "2026/torque-not-feelings-why-we-log-every-screw/"),
    Shot("post-poll", "2026/ideen-fuer-die-kantine-was-setzen-wir-2027-zuerst-um/", ".poll"),
    Shot(
        "post-comments", "2026/leserfragen-warum-gibt-es-keinen-werksverkauf-mehr/", "#kommentare"
    ),
    Shot("author", "menschen/jonas-brenner/"),
    Shot("faces-wall", "menschen/"),
    Shot("transparency", "transparenz/"),
    Shot("archives", "archiv/"),
    Shot("tags", "thema/"),
    Shot("not-found", "gibt-es-nicht/"),
]

_READY = """async () => {
  for (const image of document.querySelectorAll('img[loading="lazy"]')) image.loading = 'eager';
  await Promise.all([...document.images].map(image => image.decode().catch(() => null)));
  await document.fonts.ready;
}"""


def serve_from_folder(context: Any, output: Path) -> None:
    """Answer the site's address from the build folder; every other request is refused."""
    prefix = urlsplit(SITE_URL).path.rstrip("/") + "/"

    def answer(route: Any) -> None:
        path = unquote(urlsplit(route.request.url).path)
        file = output / path.removeprefix(prefix)
        if file.is_dir():
            file = file / "index.html"
        if path.startswith(prefix) and file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404, path=str(output / "404.html"))

    context.route("**/*", lambda route: route.abort())
    context.route(SITE_URL + "/**", answer)


@pytest.fixture(scope="module")
def contexts(browser: Any, golden_builds: dict[str, BuildRun]) -> Iterator[dict[int, Any]]:
    """One browser context per width, with the build's clock and without motion."""
    made = {}
    for width, height in SCREENS.items():
        context = browser.new_context(
            viewport={"width": width, "height": height}, reduced_motion="reduce"
        )
        context.clock.set_fixed_time(FROZEN_INSTANT)
        serve_from_folder(context, golden_builds[PUBLIC].output)
        made[width] = context
    yield made
    for context in made.values():
        context.close()


def fonts_in_use(page: Any) -> str:
    """The fonts Chromium draws the headline and body text with, as `fc-match` names them."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    families = set()
    for selector in ("h1", "main p", "code"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if node:
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            families.update(font["familyName"] for font in fonts)
    cdp.detach()
    return ", ".join(sorted(families))


@pytest.fixture(scope="module")
def same_fonts(contexts: dict[int, Any]) -> None:
    """Fail every shot at once when this machine draws text with other fonts than the references."""
    page = contexts[1280].new_page()
    page.goto(SITE_URL + "/" + SHOTS[1].path, wait_until="load")
    found = fonts_in_use(page)
    page.close()
    if update_requested() or not FONTS_FILE.exists():
        FONTS_FILE.parent.mkdir(parents=True, exist_ok=True)
        FONTS_FILE.write_text(found + "\n", encoding="utf-8")
        return
    recorded = FONTS_FILE.read_text(encoding="utf-8").strip()
    if found != recorded:
        pytest.fail(
            f"The reference screens were taken with the fonts '{recorded}' ({shown(FONTS_FILE)}); "
            f"Chromium on this machine draws with '{found}'. Install the fonts of the references "
            f"(Debian: fonts-dejavu-core), or take new references here with: {UPDATE_COMMAND}",
            pytrace=False,
        )


def take_shot(context: Any, shot: Shot, width: int) -> bytes:
    """The shot of one page type at one width, starting at its top or at `shot.start`."""
    page = context.new_page()
    response = page.goto(f"{SITE_URL}/{shot.path}", wait_until="load")
    assert response is not None and response.status == (404 if shot.name == "not-found" else 200)
    page.evaluate(_READY)
    height = SCREENS[width] * SCREENS_PER_SHOT
    top = 0
    if shot.start:
        top = int(page.locator(shot.start).first.evaluate("e => e.getBoundingClientRect().top"))
        top += int(page.evaluate("scrollY"))
    page_height = int(page.evaluate("document.documentElement.scrollHeight"))
    clip = {"x": 0, "y": top, "width": width, "height": min(height, page_height - top)}
    png = page.screenshot(clip=clip, full_page=True, animations="disabled", caret="hide")
    page.close()
    return bytes(png)


@pytest.fixture(scope="module")
def rewritten(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Collects the references this run rewrote and names them once the module is done."""
    yield from rewritten_report(request, "Reference screens")


@pytest.mark.parametrize("width", SCREENS)
@pytest.mark.parametrize("shot", SHOTS, ids=[shot.name for shot in SHOTS])
def test_screen_matches_its_reference(
    shot: Shot, width: int, contexts: dict[int, Any], same_fonts: None, rewritten: list[str]
) -> None:
    name = f"{shot.name}-{width}"
    result = compare_screen(
        name, take_shot(contexts[width], shot, width), update=update_requested()
    )
    if result.updated:
        rewritten.append(name)
    if result.problem:
        pytest.fail(result.problem, pytrace=False)


def test_no_reference_is_left_without_a_shot(rewritten: list[str]) -> None:
    names = {f"{shot.name}-{width}" for shot in SHOTS for width in SCREENS}
    obsolete = obsolete_references(names)
    remove_or_refuse(obsolete, rewritten, what="reference screens", table="SHOTS")
