"""Credited help and guests on the built sample site: bylines, JSON-LD, author pages, the wall."""

from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup

from tests.sites import BuildRun

INTERVIEW = "2026/ein-tag-bei-dragan-petrovic-in-der-schweisserei/index.html"
GUEST_POST = "2026/gastbeitrag-was-ich-als-haendlerin-am-lastesel-gelernt-habe/index.html"
PUBLIC = "https://blog.seewerk.example/blog/"


def structured(soup: BeautifulSoup) -> dict[str, Any]:
    """The page's JSON-LD record."""
    found = soup.select_one('script[type="application/ld+json"]')
    assert found is not None and found.string
    data: dict[str, Any] = json.loads(found.string)
    return data


def credits_of(soup: BeautifulSoup) -> dict[str, str]:
    """The post header's credit lines by role, as read."""
    header = soup.select_one(".post__header")
    assert header is not None
    return {
        line["data-credit"]: line.get_text(" ", strip=True)
        for line in header.select(".byline__credits li")
    }


def test_the_byline_names_each_role_with_its_people(public_site: BuildRun) -> None:
    soup = public_site.html(INTERVIEW)
    assert credits_of(soup) == {
        "told-to": "Aufgezeichnet von Lea Hofstetter",
        "photos": "Fotos: Tobias Wendt",
    }
    links = [a["href"] for a in soup.select(".post__header .byline__credits a")]
    assert links == [f"{PUBLIC}menschen/lea-hofstetter/", f"{PUBLIC}menschen/tobias-wendt/"]
    # The author stays the person whose story it is; the helpers are not authors.
    names = [n.get_text() for n in soup.select(".post__header .byline__name")]
    assert names == ["Dragan Petrović"]


def test_json_ld_separates_the_author_from_the_contributors(public_site: BuildRun) -> None:
    data = structured(public_site.html(INTERVIEW))
    assert data["author"] == [
        {"@type": "Person", "name": "Dragan Petrović", "url": f"{PUBLIC}menschen/dragan-petrovic/"}
    ]
    assert data["contributor"] == [
        {"@type": "Person", "name": "Lea Hofstetter", "url": f"{PUBLIC}menschen/lea-hofstetter/"},
        {"@type": "Person", "name": "Tobias Wendt", "url": f"{PUBLIC}menschen/tobias-wendt/"},
    ]
    # A post without credits has no contributor at all.
    assert "contributor" not in structured(public_site.html(GUEST_POST))


def test_author_page_lists_contributions_apart_from_own_posts(public_site: BuildRun) -> None:
    soup = public_site.html("menschen/lea-hofstetter/index.html")
    section = soup.select_one(".person__contributions")
    assert section is not None
    assert section.select_one("h2").get_text() == "Mitgewirkt an"
    entries = [li.get_text(" ", strip=True) for li in section.select("li")]
    assert entries == [
        "Ein Tag bei Dragan Petrović in der Schweisserei (Aufgezeichnet) 14. Juli 2026"
    ]
    own = [a.get_text() for a in soup.select(".person__posts:not(.person__contributions) h2 a")]
    assert own and "Ein Tag bei Dragan Petrović in der Schweisserei" not in own
    # Someone credited nowhere has no such section.
    assert (
        public_site.html("menschen/miriam-keller/index.html").select(".person__contributions") == []
    )


def test_a_guest_is_marked_wherever_they_appear(public_site: BuildRun) -> None:
    post = public_site.html(GUEST_POST)
    role = post.select_one(".post__header .byline__role").get_text(" ", strip=True)
    assert role == "Inhaberin · Gast , Velohaus Graf, St. Gallen"
    box = post.select_one(".author-box__role").get_text(" ", strip=True)
    assert "Gast" in box and "Velohaus Graf" in box
    page = public_site.html("menschen/sandra-graf/index.html")
    assert page.select_one(".person__badge--guest").get_text(" ", strip=True) == (
        "Gast, Velohaus Graf, St. Gallen"
    )
    assert "als Gast" in page.select_one(".person__note").get_text()
    # On the wall: a group of their own, and a filter page showing the guests only.
    wall = public_site.html("menschen/index.html")
    guests = wall.select_one("#group-guests").find_parent("section")
    assert [n.get_text() for n in guests.select(".faces__name")] == ["Sandra Graf"]
    assert guests.select_one("[data-guest]")["data-guest"] == "yes"
    filtered = public_site.html("menschen/gaeste/index.html")
    shown = [
        li.select_one(".faces__name").get_text()
        for li in filtered.select(".faces__person")
        if not li.has_attr("hidden")
    ]
    assert shown == ["Sandra Graf"]
    assert filtered.select_one("h1").get_text() == "Menschen: Gäste"
