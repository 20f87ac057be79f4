"""The search page in real Chromium on the published sample site (served under /blog/)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import PageWatch, axe_violations, watched_page
from tests.faces_wall import visible_names
from tests.sites import BuildRun

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def reader_page(browser: Any, url: str, width: int, height: int) -> Iterator[tuple[Any, PageWatch]]:
    """A watched page of the published site at `url` (under /blog/), closed after the block."""
    page, watch = watched_page(
        browser, url.split("/blog/")[0], viewport={"width": width, "height": height}
    )
    try:
        yield page, watch
    finally:
        page.close()


@pytest.fixture(scope="module")
def search(
    browser: Any, served_public: tuple[str, BuildRun]
) -> Iterator[tuple[Any, PageWatch, str]]:
    """One page on the search page of the published site, shared by the tests in order."""
    url, _ = served_public
    with reader_page(browser, url, 1280, 900) as (page, watch):
        page.goto(f"{url}suche/")
        page.wait_for_selector("#search[data-state=ready]")
        yield page, watch, url


def ask(page: Any, query: str) -> list[str]:
    """Type a query as a reader does and return the titles of the results."""
    status = page.locator(".search__status")
    before = status.text_content()
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    page.wait_for_function(
        "([before, query]) => { const s = document.querySelector('.search__status').textContent;"
        " return s !== before && s.includes(query); }",
        arg=[before, query],
    )
    return page.locator(".search-result__title a").all_text_contents()


def test_a_typed_query_finds_posts_in_german_forms(search: tuple[Any, PageWatch, str]) -> None:
    page, _, _ = search
    # The post says "Scheibenbremsen"; the reader types the singular.
    assert "Was die Leute ins Reparaturcafé mitbringen" in ask(page, "Scheibenbremse")
    link = page.locator(".search-result__title a").first.evaluate("a => a.pathname")
    assert link == "/blog/2026/was-die-leute-ins-reparaturcafe-mitbringen/"
    # ß and ss, umlaut and none: the same posts however the reader types them.
    assert ask(page, "Straße") == ask(page, "Strasse") != []
    assert ask(page, "Qualität") == ask(page, "Qualitat") != []
    assert ask(page, "Ökobilanz") == ask(page, "Oekobilanz") == ask(page, "Okobilanz") != []


def test_a_filter_narrows_the_results_to_people(search: tuple[Any, PageWatch, str]) -> None:
    page, _, _ = search
    everything = ask(page, "Entwicklung")
    kinds = set(page.locator(".search-result__kind").all_text_contents())
    assert kinds == {"Person", "Beitrag"}
    page.click(".search__filter summary:has-text('Anzeigen')")
    # One value for the people and one for the posts, whatever language a post is in.
    shown = page.locator(".search__filter").first.locator("label").all_text_contents()
    assert [label.strip() for label in shown] == ["Beiträge", "Menschen"]
    page.check(".search__filter input[value='person']")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.search-result__kind')]"
        ".every(k => k.textContent === 'Person')"
    )
    people = page.locator(".search-result__title a").all_text_contents()
    assert people and set(people) < set(everything)
    assert "Miriam Keller" in people
    assert "type=person" in page.url
    # The person is shown with face and role, not as a post.
    first = page.locator(".search-result--person").filter(has_text="Miriam Keller")
    assert first.locator("img.search-result__face").count() == 1
    assert "Leiterin Entwicklung" in first.locator(".search-result__facts").text_content()


def test_the_page_with_results_passes_axe_and_loads_nothing_from_elsewhere(
    search: tuple[Any, PageWatch, str],
) -> None:
    page, watch, _ = search
    assert page.locator(".search-result").count() > 0
    assert axe_violations(page) == []
    assert watch.foreign_requests() == []
    assert watch.console_errors == []
    assert watch.failed == []


def test_a_person_result_opens_the_profile(search: tuple[Any, PageWatch, str]) -> None:
    page, _, url = search
    page.locator(".search-result--person a", has_text="Miriam Keller").click()
    page.wait_for_url(f"{url}menschen/miriam-keller/")
    assert page.locator("h1").text_content().strip() == "Miriam Keller"


def test_a_query_typed_while_the_index_still_loads_is_answered(
    browser: Any, served_public: tuple[str, BuildRun]
) -> None:
    url, _ = served_public
    held: list[Any] = []
    with reader_page(browser, url, 360, 740) as (page, watch):
        page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
        page.goto(f"{url}suche/")
        page.wait_for_selector("#search:not([hidden])")
        page.fill("#search-query", "Scheibenbremse")
        page.press("#search-query", "Enter")
        assert held, "the index script was not requested"
        assert page.url == f"{url}suche/"  # the form did not leave the page
        held[0].continue_()
        page.wait_for_function(
            "() => document.querySelector('.search__status').textContent.includes('Scheibenbremse')"
        )
        titles = page.locator(".search-result__title a").all_text_contents()
        assert "Was die Leute ins Reparaturcafé mitbringen" in titles
        assert watch.console_errors == []


def test_without_javascript_the_page_points_to_the_archive_topics_and_wall(
    browser: Any, served_public: tuple[str, BuildRun]
) -> None:
    url, _ = served_public
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{url}suche/")
        line = page.locator("main p.search__nojs")
        assert line.is_visible()
        assert line.locator("a").evaluate_all("links => links.map(a => a.pathname)") == [
            "/blog/archiv/",
            "/blog/thema/",
            "/blog/menschen/",
        ]
        assert not page.locator("#search-query").is_visible()
    finally:
        context.close()


def test_the_wall_filters_by_topic_in_place_with_javascript(
    browser: Any, served_public: tuple[str, BuildRun]
) -> None:
    url, run = served_public
    with reader_page(browser, url, 1280, 900) as (page, watch):
        page.goto(f"{url}menschen/")
        link = page.locator('a[data-filter-kind="topic"]').first
        key = link.get_attribute("data-filter-key")
        link.click()
        page.wait_for_url(f"{url}menschen/thema/{key}/")
        shown = page.locator("li.faces__person:visible .faces__name").all_text_contents()
        static = run.html(f"menschen/thema/{key}/index.html")
        expected = visible_names(static)
        assert shown == expected != []
        assert watch.console_errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_a_person_without_a_photo_has_the_initials_face_in_results(
    browser: Any, served_public: tuple[str, BuildRun], width: int
) -> None:
    url, _ = served_public
    with reader_page(browser, url, width, 900) as (page, watch):
        page.goto(f"{url}suche/?q=Nadine")
        page.wait_for_selector(".search-result--person")
        person = page.locator(".search-result--person").filter(has_text="Nadine Koch")
        face = person.locator("img.search-result__face")
        assert face.get_attribute("src").startswith("data:image/svg+xml,")
        # Drawn, at the size of a photo, and nothing fetched for it.
        box = face.evaluate("img => [img.complete, img.naturalWidth > 0, img.width, img.height]")
        assert box == [True, True, 64, 64]
        # The excerpt starts with the post's words, not with its title and byline.
        post = page.locator(".search-result--post").first
        title = post.locator(".search-result__title").text_content()
        assert not post.locator(".search-result__excerpt").text_content().startswith(title)
        assert watch.foreign_requests() == [] and watch.failed == []


def test_the_english_search_page_speaks_english_and_finds_english_posts(
    browser: Any, served_public: tuple[str, BuildRun]
) -> None:
    url, _ = served_public
    with reader_page(browser, url, 360, 800) as (page, watch):
        page.goto(f"{url}2026/building-a-cargo-bike-in-94-minutes/")
        page.click(".site-nav__toggle")
        page.click(".site-nav a:text-is('Search')")
        page.wait_for_selector("#search[data-state=ready]")
        assert page.url == f"{url}en/search/"
        assert page.locator("html").get_attribute("lang") == "en"
        assert "Building a cargo bike in 94 minutes" in ask(page, "cargo bike")
        assert set(page.locator(".search-result__kind").all_text_contents()) <= {"Post", "Person"}
        page.click(".search__filter summary:has-text('Show')")
        shown = page.locator(".search__filter").first.locator("label").all_text_contents()
        assert [label.strip() for label in shown] == ["People", "Posts"]
        assert axe_violations(page) == []
        assert watch.foreign_requests() == watch.failed == watch.console_errors == []
