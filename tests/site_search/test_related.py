"""Related posts and "more by" lists: order, exclusions, limits, and the plugin's settings."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace
from typing import Any

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category, Tag
from site_search.plugin import DEFAULTS, attach_related, validate
from site_search.related import build_index
from site_search.topics import topics_by_author

from tests.plugin_settings import assert_refused_by_name
from tests.readme import documented_settings

SETTINGS = {**DEFAULT_CONFIG, "ARTICLE_URL": "{date:%Y}/{slug}/"}


def post(
    slug: str, day: int, tags: str = "", authors: str = "anja", category: str = "Technik"
) -> Article:
    """A real published Pelican post on day `day` of 2026 (a higher day is newer)."""
    people = [Author(handle, SETTINGS) for handle in authors.split()]
    return Article(
        "<p>Text.</p>",
        metadata={
            "title": slug.title(),
            "slug": slug,
            "date": dt.datetime(2026, 1, 1) + dt.timedelta(days=day),
            "tags": [Tag(t, SETTINGS) for t in tags.split()],
            "authors": people,
            "author": people[0],
            "category": Category(category, SETTINGS),
            "status": "published",
        },
        settings=SETTINGS,
    )


def slugs(posts: list[Any]) -> list[str]:
    return [p.slug for p in posts]


def test_more_shared_topics_come_first_then_authors_then_category_then_the_newest() -> None:
    target = post("target", 50, "akku motor rahmen", authors="anja", category="Technik")
    posts = [
        target,
        post("one-topic-new", 90, "akku", authors="lea"),
        post("two-topics", 10, "akku motor", authors="reto", category="Ideen"),
        post("three-topics", 5, "akku motor rahmen", authors="reto", category="Ideen"),
        post("one-topic-same-author", 20, "rahmen", authors="anja", category="Ideen"),
        post("nothing-shared", 99, "kantine", authors="reto", category="Ideen"),
    ]
    index = build_index(posts)
    # After the topics and the author, one topic in the same category; a post that shares
    # nothing is never shown. Asking for fewer gives the first ones of the same order.
    ranked = slugs(index.related(target, 5))
    assert ranked == ["three-topics", "two-topics", "one-topic-same-author", "one-topic-new"]
    assert slugs(index.related(target, 3)) == ranked[:3]


def test_among_posts_sharing_as_many_topics_an_author_then_the_category_wins() -> None:
    target = post("target", 50, "akku motor", authors="anja", category="Technik")
    posts = [
        target,
        post("neither-newest", 99, "akku motor", authors="reto", category="Ideen"),
        post("category", 60, "akku motor", authors="reto", category="Technik"),
        post("author-oldest", 1, "akku motor", authors="anja", category="Ideen"),
        post("author-and-category", 2, "akku motor", authors="anja", category="Technik"),
    ]
    index = build_index(posts)
    assert slugs(index.related(target, 4)) == [
        "author-and-category",
        "author-oldest",
        "category",
        "neither-newest",
    ]


def test_ties_go_to_the_newer_post_then_the_slug() -> None:
    target = post("target", 1, "akku")
    posts = [
        target,
        post("b-same-day", 30, "akku"),
        post("a-same-day", 30, "akku"),
        post("older", 2, "akku"),
        post("newest", 40, "akku"),
    ]
    index = build_index(posts)
    assert slugs(index.related(target, 3)) == ["newest", "a-same-day", "b-same-day"]


def test_the_lists_do_not_depend_on_the_order_posts_arrive_in() -> None:
    rng = random.Random(7)
    tags = ["akku", "motor", "rahmen", "kantine", "lack", "licht"]
    posts = [
        post(
            f"p{n}",
            rng.randrange(300),
            " ".join(rng.sample(tags, rng.randrange(1, 4))),
            authors=rng.choice(["anja", "reto", "lea"]),
            category=rng.choice(["Technik", "Ideen"]),
        )
        for n in range(60)
    ]
    first = build_index(posts)
    shuffled = posts[:]
    rng.shuffle(shuffled)
    second = build_index(shuffled)
    for item in posts:
        assert slugs(first.related(item, 3)) == slugs(second.related(item, 3))
        assert item not in first.related(item, 3)


def test_a_post_is_never_its_own_related_post_nor_in_more_by() -> None:
    posts = [post("alone", 1, "akku"), post("other", 2, "akku")]
    index = build_index(posts)
    assert slugs(index.related(posts[0], 3)) == ["other"]
    assert slugs(index.more_by(posts[0], "anja", 3, shown=[])) == ["other"]


def test_posts_left_out_of_the_index_are_never_shown_but_may_ask() -> None:
    published = [post("public-a", 1, "akku"), post("public-b", 2, "akku")]
    draft = post("draft", 3, "akku")
    draft.status = "draft"
    index = build_index(published)  # the build indexes published posts of its audience only
    assert "draft" not in slugs(index.related(published[0], 3))
    assert slugs(index.related(draft, 3)) == ["public-b", "public-a"]
    assert slugs(index.more_by(draft, "anja", 3, shown=[])) == ["public-b", "public-a"]


@pytest.mark.parametrize("limit", [0, 1, 2])
def test_the_limit_is_kept(limit: int) -> None:
    posts = [post(f"p{n}", n, "akku") for n in range(6)]
    index = build_index(posts)
    assert len(index.related(posts[0], limit)) == limit
    assert len(index.more_by(posts[0], "anja", limit, shown=[])) == limit


def test_more_by_lists_the_authors_newest_other_posts_not_yet_shown() -> None:
    target = post("target", 10, "akku", authors="anja reto")
    posts = [
        target,
        post("anja-new", 30, "kantine"),
        post("anja-old", 5, "kantine"),
        post("anja-related", 1, "akku"),
        post("reto-only", 20, "lack", authors="reto"),
    ]
    index = build_index(posts)
    related = index.related(target, 1)
    assert slugs(related) == ["anja-related"]
    assert slugs(index.more_by(target, "anja", 3, shown=related)) == ["anja-new", "anja-old"]
    assert slugs(index.more_by(target, "reto", 3, shown=related)) == ["reto-only"]
    assert index.more_by(target, "nobody", 3, shown=related) == []


def test_the_build_groups_no_posts_of_a_person_who_withdrew_consent() -> None:
    posts = [
        post("a", 1, "akku", authors="marco"),
        post("b", 2, "lack", authors="marco"),
        post("c", 3, "akku", authors="anja"),
        post("d", 4, "licht", authors="anja"),
    ]
    profiles = {
        "marco": SimpleNamespace(status="removed"),
        "anja": SimpleNamespace(status="active"),
    }
    generator = SimpleNamespace(
        settings={**DEFAULTS, "SEARCH_RELATED_COUNT": 0},
        articles=posts,
        drafts=[],
        context={"author_profiles": profiles},
    )
    attach_related(generator)
    assert [p.more_by for p in posts[:2]] == [(), ()]
    assert [(author.slug, slugs(more)) for author, more in posts[3].more_by] == [("anja", ["c"])]
    assert posts[0].related_posts == ()


def test_topics_of_a_person_are_their_most_used_tags() -> None:
    posts = [
        post("a", 1, "akku lack"),
        post("b", 2, "akku"),
        post("c", 3, "Bremsen", authors="reto"),
    ]
    topics = topics_by_author(posts, 8)
    assert [(str(tag), count) for tag, count in topics["anja"]] == [("akku", 2), ("lack", 1)]
    assert [(str(tag), count) for tag, count in topics_by_author(posts, 1)["anja"]] == [("akku", 2)]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("SEARCH_INDEX", "yes"),
        ("SEARCH_INDEX_ON_REQUEST", 1),
        ("SEARCH_INDEX_FOLDER", "../elsewhere"),
        ("SEARCH_LANGUAGE", "Deutsch"),
        ("SEARCH_SAVE_AS", "suche/"),
        ("SEARCH_URL", "https://search.example/"),
        ("SEARCH_LANG_SAVE_AS", "search/index.html"),
        ("SEARCH_LANG_URL", "/{lang}/search/"),
        ("SEARCH_RELATED_COUNT", -1),
        ("SEARCH_MORE_BY_COUNT", True),
        ("SEARCH_PROFILE_TOPICS", 99),
    ],
)
def test_a_setting_that_cannot_work_is_named_with_its_value(key: str, value: object) -> None:
    assert_refused_by_name(validate, {**DEFAULTS, key: value}, key)


def test_the_defaults_are_valid_and_every_setting_is_documented_in_the_readme() -> None:
    validate(dict(DEFAULTS))
    assert documented_settings("site_search", "SEARCH_") == set(DEFAULTS)
