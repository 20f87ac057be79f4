"""People by topic on the sample site: the wall's topic pages and "Schreibt über" on profiles."""

from __future__ import annotations

from collections import Counter

from pelican.utils import slugify

import pelicanconf
from tests import sample
from tests.author_profiles.test_site_people import with_status
from tests.faces_wall import visible_names
from tests.sites import BuildRun


def tags_by_person() -> dict[str, Counter[str]]:
    """Tag -> number of public posts, for every author, read from the sources.

    A translation is the same post in another language: it counts once, as its original.
    """
    found: dict[str, Counter[str]] = {}
    for post in sample.posts():
        if not post.is_public or post.meta.get("translation-of"):
            continue
        handles = [h.strip() for h in (post.meta.get("authors") or post.meta["author"]).split(",")]
        tags = [t.strip() for t in post.meta.get("tags", "").split(",") if t.strip()]
        for handle in handles:
            found.setdefault(handle, Counter()).update(tags)
    return found


def slug(tag: str) -> str:
    return slugify(tag, regex_subs=pelicanconf.SLUG_REGEX_SUBSTITUTIONS, use_unicode=True)


def test_each_topic_page_of_the_wall_shows_exactly_who_writes_about_it(
    public_site: BuildRun,
) -> None:
    active = with_status("active")
    written = tags_by_person()
    wall = public_site.html("menschen/index.html")
    links = wall.select('.wall-filter a[data-filter-kind="topic"]')
    # Every topic two or more people on the wall write about (AUTHORS_WALL_TOPIC_PEOPLE).
    people_by_topic = Counter(slug(t) for h in active for t in written.get(h, ()))
    assert sorted(link["data-filter-key"] for link in links) == sorted(
        key for key, count in people_by_topic.items() if count >= 2
    )
    for link in links:
        key = link["data-filter-key"]
        expected = sorted(
            active[h]["name"] for h in active if key in {slug(t) for t in written.get(h, ())}
        )
        page = public_site.html(f"menschen/thema/{key}/index.html")
        shown = sorted(visible_names(page))
        assert shown == expected, key
        assert link.select_one(".count").get_text() == f"({len(expected)})"
        # The script filters in place by the same topics.
        for li in page.select(".faces__person"):
            assert (key in li["data-topic"].split()) != li.has_attr("hidden")


def test_a_profile_lists_the_topics_of_the_person_s_posts(public_site: BuildRun) -> None:
    written = tags_by_person()["miriam-keller"]
    page = public_site.html("menschen/miriam-keller/index.html")
    items = page.select("#writes-about-title + ul li")
    shown = {
        li.select_one("a").get_text(): li.select_one(".person__topic-count").get_text()
        for li in items
    }
    assert shown == {tag: f"({count})" for tag, count in written.most_common(8)}
    assert all(
        li.select_one("a")["href"].endswith(f"/thema/{slug(t)}/")
        for li, t in zip(items, shown, strict=True)
    )
