"""Every page type in real Chromium: no errors, no foreign requests, accessible, responsive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import PageWatch, axe_violations
from tests.sites import BuildRun

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
pytestmark = pytest.mark.browser


def page_types(run: BuildRun) -> dict[str, str]:
    """One address per page type, found in the build itself."""
    pages = [str(p) for p in run.pages()]

    def first(predicate: Any) -> str:
        return next(p for p in pages if predicate(p)).removesuffix("index.html")

    article_with_image = next(
        p for p in pages if p[:4].isdigit() and run.html(p).select_one(".post__image")
    )
    english = next(p for p in pages if p[:4].isdigit() and run.html(p).html["lang"] == "en")
    translation = next(p for p in pages if p[:4].isdigit() and run.html(p).select(".translations"))
    return {
        "index": "",
        "index-page-2": "seite/2/",
        "article": article_with_image.removesuffix("index.html"),
        "article-english": english.removesuffix("index.html"),
        "article-translation": translation.removesuffix("index.html"),
        "index-english": "en/",
        "archives-english": "en/archive/",
        "page": "ueber-uns/",
        "category": first(lambda p: p.startswith("kategorie/") and p.count("/") == 2),
        "tag": first(lambda p: p.startswith("thema/") and p.count("/") == 2),
        "categories": "kategorie/",
        "archives": "archiv/",
        "authors": "menschen/",
        "author": first(lambda p: p.startswith("menschen/") and p.count("/") == 2),
        "404": "gibt-es-nicht/",
    }


@pytest.fixture(scope="module")
def addresses(served_public: tuple[str, BuildRun]) -> dict[str, str]:
    return page_types(served_public[1])


PAGE_TYPES = [
    "index",
    "index-page-2",
    "article",
    "article-english",
    "article-translation",
    "index-english",
    "archives-english",
    "page",
    "category",
    "tag",
    "categories",
    "archives",
    "authors",
    "author",
    "404",
]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_is_clean_and_accessible(
    kind: str, served_public: tuple[str, BuildRun], browser: Any, addresses: dict[str, str]
) -> None:
    base, _ = served_public
    watch = PageWatch(base)
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        watch.attach(page)
        response = page.goto(base + addresses[kind], wait_until="networkidle")
        assert response.status == (404 if kind == "404" else 200)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{kind} scrolls sideways at {width} px"
        if width == 1280:
            assert axe_violations(page) == []
        context.close()
    if kind == "404":
        # The page itself answers 404 (Chromium logs that); nothing else may fail.
        assert {url for url, _ in watch.failed} == {base + addresses[kind]}
        errors = [e for e in watch.console_errors if not e.startswith("Failed to load resource")]
    else:
        assert watch.failed == []
        errors = watch.console_errors
    assert errors == []
    assert watch.foreign_requests() == []


def test_pages_work_without_javascript(
    served_public: tuple[str, BuildRun], browser: Any, addresses: dict[str, str]
) -> None:
    base, _ = served_public
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + addresses["index"])
    page.get_by_role("link", name="Archiv").first.click()
    assert page.url == base + "archiv/"
    assert page.locator("main h1").inner_text() == "Archiv"
    first_post = page.locator(".archive-list a").first
    title = first_post.inner_text()
    first_post.click()
    assert page.locator("main h1").inner_text() == title
    context.close()


def test_skip_link_moves_focus_to_the_content(
    served_public: tuple[str, BuildRun], browser: Any
) -> None:
    base, _ = served_public
    page = browser.new_page()
    page.goto(base)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()
