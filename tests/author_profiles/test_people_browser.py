"""The faces wall, an author page and a co-authored post in real Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from tests import sample
from tests.browser import axe_violations, watched_page
from tests.sites import BuildRun

pytestmark = pytest.mark.browser


def production() -> list[str]:
    """The active people of the production department, read from the profiles."""
    names = []
    for path in sorted((sample.CONTENT / "authors").glob("*.md")):
        meta = sample.read_meta(path)
        if meta.get("status", "active") == "active" and meta.get("department") == "produktion":
            names.append(meta["name"])
    assert len(names) > 1
    return sorted(names)


def visible_people(page: Any) -> list[str]:
    return sorted(page.locator(".faces__person:visible .faces__name").all_inner_texts())


def co_authored_post(run: BuildRun) -> str:
    titles = {
        p.meta["title"] for p in sample.posts() if p.is_public and "," in p.meta.get("authors", "")
    }
    for page in run.pages():
        heading = run.html(str(page)).select_one("article.post h1")
        if heading and heading.get_text(strip=True) in titles:
            return str(page).removesuffix("index.html")
    raise AssertionError("the sample site needs a public post with co-authors")


def test_filter_without_javascript_opens_the_department_page(
    served_public: tuple[str, BuildRun], browser: Any
) -> None:
    url, _ = served_public
    context = browser.new_context(java_script_enabled=False)
    page, watch = watched_page(context, url)
    page.goto(url + "menschen/")
    everyone = visible_people(page)
    page.get_by_role("link", name="Produktion (3)").click()
    page.wait_for_url(url + "menschen/abteilung/produktion/")
    assert visible_people(page) == production()
    assert len(everyone) > len(production())
    assert page.locator('.wall-filter a[aria-current="page"]').inner_text().startswith("Produktion")
    assert watch.foreign_requests() == []
    context.close()


def test_filter_with_javascript_works_in_place(
    served_public: tuple[str, BuildRun], browser: Any
) -> None:
    url, _ = served_public
    page, watch = watched_page(browser, url)
    page.goto(url + "menschen/")
    everyone = visible_people(page)
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("link", name="Produktion (3)").click()
    assert page.url == url + "menschen/abteilung/produktion/"
    assert page.evaluate("window.stillTheSamePage") is True  # filtered, not loaded anew
    assert visible_people(page) == production()
    assert page.locator("h1").inner_text() == "Menschen: Produktion"
    assert page.locator('[role="status"]').inner_text() == (
        f"{len(production())} Personen angezeigt"
    )
    current = page.locator('.wall-filter a[aria-current="page"]')
    assert current.count() == 1 and current.inner_text().startswith("Produktion")
    page.get_by_role("list", name="Nach Ebene").get_by_role("link", name="Vorstand").click()
    assert page.url == url + "menschen/ebene/vorstand/"
    assert page.locator(".wall__group:visible").count() >= 1
    page.go_back()
    assert visible_people(page) == production()
    page.go_back()
    assert visible_people(page) == everyone
    # The guests' filter, a kind of its own, works in place too.
    page.get_by_role("link", name="Gäste").click()
    assert page.url == url + "menschen/gaeste/"
    assert visible_people(page) == ["Sandra Graf"]
    assert page.locator("h1").inner_text() == "Menschen: Gäste"
    assert watch.console_errors == [] and watch.foreign_requests() == []


@pytest.mark.parametrize(
    "kind", ["wall", "author", "co-authored post", "filtered wall", "guest", "told-to post"]
)
def test_accessible_and_private(
    served_public: tuple[str, BuildRun], browser: Any, kind: str
) -> None:
    url, run = served_public
    path = {
        "wall": "menschen/",
        "filtered wall": "menschen/ebene/teamleitung/",
        "author": "menschen/miriam-keller/",
        "co-authored post": co_authored_post(run),
        "guest": "menschen/sandra-graf/",
        "told-to post": "2026/ein-tag-bei-dragan-petrovic-in-der-schweisserei/",
    }[kind]
    page, watch = watched_page(browser, url)
    response = page.goto(url + path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert watch.foreign_requests() == []
    assert watch.console_errors == []
    broken = page.evaluate(
        "Array.from(document.images).filter(i => i.complete && i.loading !== 'lazy'"
        " && i.naturalWidth === 0).map(i => i.currentSrc)"
    )
    assert broken == []
