"""Posts of each tag and category found by identity, so Pelican sorts its listings in linear time.

Pelican writes a tag's page with ``[post for post in self.dates if post in posts]``: a test of
list membership for every post of the site, per tag. At 10,000 posts and 54 tags that is a
quarter of a billion comparisons (cProfile: 10 s of a build). The lists keep their order and
contents; only ``in`` looks the post up in a set of identities, which is what it meant already:
Pelican's posts define no equality of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class PostList(list[Any]):
    """A list of posts whose membership test is one lookup by identity."""

    def __init__(self, posts: Iterable[Any] = ()) -> None:
        super().__init__(posts)
        self._ids: set[int] | None = None

    def drop_index(self) -> None:
        """Let the identities go; the next membership test gathers them again."""
        self._ids = None

    def __contains__(self, item: object) -> bool:
        """Whether the very object is in the list."""
        if self._ids is None:
            self._ids = {id(post) for post in self}
        return id(item) in self._ids


def _forgetting(name: str) -> Any:
    changed = getattr(list, name)

    def method(self: PostList, *args: Any) -> Any:
        self._ids = None
        return changed(self, *args)

    method.__name__ = name
    return method


# Every way a list's members change; sorting and reversing keep them.
for _name in (
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
):
    setattr(PostList, _name, _forgetting(_name))


PAIRS = ("categories", "tags")


def index_listings(generator: Any) -> None:
    """Give every tag's and category's post list a membership test by identity."""
    # Signal receivers stay connected for the whole process: only builds that load the plugin.
    if __package__ not in generator.settings.get("PLUGINS", ()):
        return
    posts = getattr(generator, "articles", [])
    # A Content class with an equality of its own would make `in` mean more than identity.
    if any(kind.__eq__ is not object.__eq__ for kind in {type(post) for post in posts}):
        return
    replaced: dict[int, PostList] = {}

    def indexed(listed: list[Any]) -> PostList:
        return replaced.setdefault(id(listed), PostList(listed))

    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, listed in tags.items():
            tags[tag] = indexed(listed)
    # (category, posts) pairs, in the generator and in the context (with the very same lists).
    for pairs in (getattr(generator, "categories", None), *map(generator.context.get, PAIRS)):
        if isinstance(pairs, list):
            pairs[:] = [(key, indexed(listed)) for key, listed in pairs]


def drop_indexes(generator: Any, writer: Any = None) -> None:
    """Let every listing's identities go once Pelican's tag and category pages are written."""
    # At 10,000 posts they are about 2 MiB, held otherwise through the author pages, where
    # the build peaks; a later test (the preview's kept build) gathers them again.
    tags = getattr(generator, "tags", None)
    listings = list(tags.values()) if isinstance(tags, dict) else []
    pairs = getattr(generator, "categories", None)
    listings += [listed for _, listed in pairs] if isinstance(pairs, list) else []
    for listed in listings:
        if isinstance(listed, PostList):
            listed.drop_index()
