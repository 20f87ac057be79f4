"""The topics a person writes about: the tags of their posts, most used first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

# Context key the templates read: author handle -> [(tag, number of posts)], most used first.
TOPICS_KEY = "search_author_topics"


def topics_by_author(posts: Iterable[Any], limit: int) -> dict[str, list[tuple[Any, int]]]:
    """Each author's `limit` most used tags with their counts; ties in alphabetical order."""
    counts: dict[str, Counter[Any]] = {}
    for post in posts:
        for author in getattr(post, "authors", None) or ():
            counts.setdefault(author.slug, Counter()).update(getattr(post, "tags", None) or ())
    return {
        handle: sorted(counter.items(), key=lambda item: (-item[1], str(item[0]).casefold()))[
            :limit
        ]
        for handle, counter in counts.items()
    }
