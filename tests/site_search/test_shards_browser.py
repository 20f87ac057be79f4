"""The search page over a sharded index, in real Chromium: a tiny site in shards of two pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from site_search import make_ordered_index
from site_search.shards import shard_of

from tests.browser import PageWatch, axe_violations, watched_page
from tests.minisite import make_site, post_text
from tests.servers import free_port, serve_static
from tests.sites import BuildRun, built

pytestmark = pytest.mark.browser

# slug -> (title, a word only this post has, category, date)
POSTS = {
    "ritzel": ("Ritzel tauschen", "Zahnkranzpflege", "Einblicke", "2024-04-02 08:00"),
    "speichen": ("Speichen spannen", "Nippelspanner", "Einblicke", "2025-05-03 08:00"),
    "rahmen": ("Rahmen schweissen", "Schutzgasnaht", "Technik", "2025-06-04 08:00"),
    "lager": ("Lager pressen", "Einpresswerkzeug", "Einblicke", "2026-01-05 08:00"),
    "naben": ("Naben zentrieren", "Zentrierständer", "Technik", "2026-02-06 08:00"),
    "kette": ("Kette messen", "Kettenlehre", "Einblicke", "2026-03-07 08:00"),
}

# One word in two shards, once inside a hyphenated word ("rahmen" and "ritzel" are in
# different shards of four).
HUB = {"ritzel": "Mit E-Nabenschaltung.", "rahmen": "Ohne Nabenschaltung."}


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, BuildRun]]:
    """The minisite with six more posts, indexed in shards of at most two pages, served."""
    folder = tmp_path_factory.mktemp("sharded")
    posts = {
        f"{slug}.md": post_text(
            title, date, f"Heute geht es um {word}. {HUB.get(slug, '')}", Category=category
        )
        for slug, (title, word, category, date) in POSTS.items()
    }
    settings = make_site(folder, posts, "SEARCH_SHARD_PAGES = 2\n")
    run = built(folder / "output", settings=str(settings))
    # Built with pelicanconf.py's SEARCH_INDEX_ON_REQUEST: made as the preview server makes it.
    assert make_ordered_index(run.output) is not None
    with serve_static(run.output, free_port()) as url:
        yield url, run


@pytest.fixture(scope="module")
def search(browser: Any, sharded_site: tuple[str, BuildRun]) -> Iterator[tuple[Any, PageWatch]]:
    """The search page of the sharded site, open and ready, shared by the tests in order."""
    url, _ = sharded_site
    page, watch = watched_page(browser, url.rstrip("/"), viewport={"width": 1280, "height": 900})
    page.goto(f"{url}suche/")
    page.wait_for_selector("#search[data-state=ready]")
    yield page, watch
    page.close()


def ask(page: Any, query: str) -> list[str]:
    """Type a query as a reader does and return the titles of the results."""
    page.fill("#search-query", query)
    page.press("#search-query", "Enter")
    page.wait_for_function(
        "query => document.querySelector('.search__status').textContent.includes(query)",
        arg=query,
    )
    return page.locator(".search-result__title a").all_text_contents()


def test_a_word_of_a_page_in_every_shard_is_found(
    search: tuple[Any, PageWatch], sharded_site: tuple[str, BuildRun]
) -> None:
    page, _ = search
    _, run = sharded_site
    shards = json.loads((run.output / "pagefind" / "shards.json").read_text())
    # Eight pages (seven posts, one person) in shards of two: four shards, every one in use.
    assert len(shards) == 4
    found_in: set[int] = set()
    # Each post by the one word only it has, the minisite's own post and the person by name.
    asked = [(word, title) for title, word, _, _ in POSTS.values()]
    for word, title in [*asked, ("Ordnung", "Ein guter Beitrag"), ("Miriam", "Miriam Keller")]:
        titles = ask(page, word)
        # The person's name is on every post of hers too; the other words on one page only.
        assert title in titles if word == "Miriam" else titles == [title]
        link = page.locator(".search-result__title a", has_text=title)
        address = link.evaluate("a => a.pathname").lstrip("/")
        found_in.add(shard_of(f"{address}index.html", 4))
    assert found_in == {0, 1, 2, 3}


def test_pages_of_a_word_in_two_shards_are_found_but_no_page_with_only_its_start(
    search: tuple[Any, PageWatch],
) -> None:
    page, _ = search
    # The shards without the word would add "Naben zentrieren" (for "naben"), and leaving out
    # those must keep the shard whose page says "E-Nabenschaltung".
    assert sorted(ask(page, "Nabenschaltung")) == sorted(POSTS[slug][0] for slug in HUB)


def test_filters_list_and_narrow_across_the_shards(search: tuple[Any, PageWatch]) -> None:
    page, _ = search
    years = page.locator(".search__filter input[name=year]")
    assert years.evaluate_all("boxes => boxes.map(b => b.value)") == ["2026", "2025", "2024"]
    workshop = sorted(title for title, _, category, _ in POSTS.values() if category == "Einblicke")
    page.fill("#search-query", "")
    page.click(".search__filter summary:has-text('Kategorie')")
    page.check(".search__filter input[name=category][value='Einblicke']")
    page.wait_for_function(
        "count => document.querySelector('.search__status').textContent.startsWith(`${count} `)",
        arg=len(workshop),
    )
    assert sorted(page.locator(".search-result__title a").all_text_contents()) == workshop
    paths = page.locator(".search-result__title a").evaluate_all(
        "links => links.map(a => a.pathname)"
    )
    assert len({shard_of(f"{p.lstrip('/')}index.html", 4) for p in paths}) > 1
    # Filter and word together: the one workshop post that names the word.
    assert ask(page, "Kettenlehre") == ["Kette messen"]
    page.uncheck(".search__filter input[name=category][value='Einblicke']")
    page.check(".search__filter input[name=category][value='Technik']")
    page.wait_for_function(
        "() => document.querySelector('.search__status').textContent.startsWith('Nichts')"
    )


def test_the_sharded_search_page_passes_axe_and_loads_nothing_from_elsewhere(
    search: tuple[Any, PageWatch],
) -> None:
    page, watch = search
    assert ask(page, "Miriam")
    assert axe_violations(page) == []
    assert watch.foreign_requests() == []
    assert watch.console_errors == []
    assert watch.failed == []
