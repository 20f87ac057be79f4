"""Related posts and "more by" lists, found through inverted indexes instead of comparing pairs.

Posts are ranked once (newest first, then by slug) and each tag, author and category keeps the
set of ranks of its posts. Related posts are ordered by the number of shared topics, then shared
authors, then the same category, then rank; every step is a set operation on the few sets one
post belongs to, so the cost per post does not grow with every other post (10,000 posts: see
docs/benchmarks.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, combinations, groupby
from operator import itemgetter
from typing import Any


@dataclass(frozen=True)
class Traits:
    """What relatedness is judged by: one post's tags, authors and category (as slugs)."""

    tags: frozenset[Hashable]
    authors: frozenset[Hashable]
    category: Hashable


def traits_of(post: Any) -> Traits:
    """The traits of a Pelican post (tags, authors and category by slug)."""
    category = getattr(post, "category", None)
    return Traits(
        frozenset(tag.slug for tag in getattr(post, "tags", None) or ()),
        frozenset(author.slug for author in getattr(post, "authors", None) or ()),
        category.slug if category else None,
    )


def newest_first(post: Any) -> tuple[float, str]:
    """The order of ties: newer first, then by slug."""
    return (-post.date.timestamp(), post.slug)


class RelatedIndex:
    """The posts readers may be sent to, indexed by tag, author and category."""

    def __init__(self, candidates: Sequence[Any]) -> None:
        self.posts = sorted(candidates, key=newest_first)
        self.rank = {id(post): number for number, post in enumerate(self.posts)}
        self.by_tag: dict[Hashable, set[int]] = {}
        self.by_author: dict[Hashable, set[int]] = {}
        self.by_category: dict[Hashable, set[int]] = {}
        for number, post in enumerate(self.posts):
            traits = traits_of(post)
            for tag in traits.tags:
                self.by_tag.setdefault(tag, set()).add(number)
            for author in traits.authors:
                self.by_author.setdefault(author, set()).add(number)
            self.by_category.setdefault(traits.category, set()).add(number)

    def related(self, post: Any, limit: int) -> list[Any]:
        """Up to `limit` posts sharing most with `post`, never the post itself; deterministic."""
        traits = traits_of(post)
        own = self.rank.get(id(post))
        tag_sets = [self.by_tag[t] for t in traits.tags if t in self.by_tag]
        author_ranks = set().union(*(self.by_author.get(a, ()) for a in traits.authors))
        category_ranks = self.by_category.get(traits.category, set())
        # Within one level of shared topics: an author and the category, an author, the
        # category, the rest; each group newest first.
        groups = (author_ranks & category_ranks, author_ranks, category_ranks, None)
        chosen: list[int] = []
        taken = {own}

        def take(pool: Callable[[set[int] | None], set[int]]) -> None:
            for group in groups:
                if len(chosen) >= limit:
                    return
                found = sorted(pool(group) - taken)[: limit - len(chosen)]
                chosen.extend(found)
                taken.update(found)

        # Two or more shared topics: a post sharing k topics lies in k*(k-1)/2 of the pairwise
        # intersections, so its count there orders it by k.
        shared = Counter(chain.from_iterable(a & b for a, b in combinations(tag_sets, 2)))
        by_count = sorted(shared.items(), key=itemgetter(1), reverse=True)
        for _, members in groupby(by_count, key=itemgetter(1)):
            if len(chosen) >= limit:
                break
            level = {number for number, _ in members}
            take(partial(_within, level))
        # Then one shared topic, then none (only an author or the category in common).
        take(lambda group: set().union(*(s if group is None else s & group for s in tag_sets)))
        take(lambda group: set() if group is None else group)
        return [self.posts[n] for n in chosen[:limit]]

    def more_by(self, post: Any, author: Hashable, limit: int, shown: Iterable[Any]) -> list[Any]:
        """The author's newest other posts, up to `limit`, leaving out those already shown."""
        skip = {self.rank.get(id(p)) for p in (*shown, post)}
        ranks = sorted(self.by_author.get(author, set()) - skip)
        return [self.posts[n] for n in ranks[:limit]]


def _within(level: set[int], group: set[int] | None) -> set[int]:
    """The posts of one level of shared topics that are also in the group (None: all)."""
    return level if group is None else level & group


def build_index(candidates: Sequence[Any]) -> RelatedIndex:
    """Index the posts that may be shown as related (published, of this build's audience)."""
    return RelatedIndex(candidates)
