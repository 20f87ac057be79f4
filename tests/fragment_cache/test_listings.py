"""fragment_cache.listings: tag and category lists test membership by identity, same contents."""

from __future__ import annotations

import copy
import datetime as dt
from types import SimpleNamespace
from typing import Any

from fragment_cache.listings import PostList, drop_indexes, index_listings
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

SETTINGS: dict[str, Any] = {**copy.deepcopy(DEFAULT_CONFIG), "PLUGINS": ["fragment_cache"]}


def _post(title: str) -> Article:
    metadata = {"title": title, "date": dt.datetime(2026, 3, 14)}
    return Article("<p>Text</p>", metadata, settings=SETTINGS)


def _generator(posts: list[Article], plugins: list[str] | None = None) -> SimpleNamespace:
    tags = {"velo": posts[:2], "werkstatt": posts[1:]}
    categories = [("technik", posts[:1]), ("menschen", posts[1:])]
    context = {"tags": list(tags.items()), "categories": categories}
    settings = {**SETTINGS, "PLUGINS": plugins if plugins is not None else SETTINGS["PLUGINS"]}
    return SimpleNamespace(
        articles=posts, tags=tags, categories=categories, context=context, settings=settings
    )


def test_pelican_s_listing_filter_gives_the_same_posts_in_the_same_order() -> None:
    posts = [_post(f"Beitrag {n}") for n in range(4)]
    generator = _generator(posts)
    before = {tag: [p for p in posts if p in listed] for tag, listed in generator.tags.items()}
    index_listings(generator)
    assert all(isinstance(listed, PostList) for listed in generator.tags.values())
    after = {tag: [p for p in posts if p in listed] for tag, listed in generator.tags.items()}
    assert after == before
    assert [list(listed) for _, listed in generator.categories] == [posts[:1], posts[1:]]


def test_generator_and_context_share_the_indexed_lists() -> None:
    generator = _generator([_post(f"Beitrag {n}") for n in range(3)])
    index_listings(generator)
    in_context = dict(generator.context["tags"])
    assert all(in_context[tag] is listed for tag, listed in generator.tags.items())
    assert all(isinstance(listed, PostList) for _, listed in generator.context["categories"])


def test_membership_follows_every_change_to_the_list() -> None:
    first, second, third = (_post(f"Beitrag {n}") for n in range(3))
    listed = PostList([first])
    assert first in listed and second not in listed
    listed.append(second)
    assert second in listed
    listed[0] = third
    assert first not in listed and third in listed
    listed.remove(second)
    assert second not in listed
    listed += [first]
    assert first in listed
    listed.clear()
    assert third not in listed


def test_a_build_without_the_plugin_keeps_plain_lists() -> None:
    generator = _generator([_post("Beitrag")], plugins=[])
    index_listings(generator)
    assert not any(isinstance(listed, PostList) for listed in generator.tags.values())


def test_the_identities_go_after_the_listings_and_come_back_when_asked() -> None:
    posts = [_post(f"Beitrag {n}") for n in range(3)]
    generator = _generator(posts)
    index_listings(generator)
    listings = [*generator.tags.values(), *(listed for _, listed in generator.categories)]
    assert [posts[0] in listed for listed in listings] == [True, False, True, False]
    assert all(listed._ids is not None for listed in listings)
    drop_indexes(generator)
    assert all(listed._ids is None for listed in listings)
    assert [[p for p in posts if p in listed] for listed in listings] == [
        posts[:2],
        posts[1:],
        posts[:1],
        posts[1:],
    ]
