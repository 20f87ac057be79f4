"""Related posts and "more by" lists, found through inverted indexes instead of comparing pairs.

Posts are ranked once (newest first, then by slug) and each tag, author and category keeps the
set of ranks of its posts. Related posts are ordered by the number of shared topics, then shared
authors, then the same category, then rank; every step is a set operation on the few sets one
post belongs to, so the cost per post does not grow with every other post (10,000 posts: see
docs/benchmarks.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, combinations
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
        # Two or more shared topics: few posts, scored one by one (a post sharing k topics lies
        # in k*(k-1)/2 of the pairwise intersections, so the count orders them by k).
        shared = Counter(chain.from_iterable(a & b for a, b in combinations(tag_sets, 2)))
        if own is not None:
            del shared[own]
        chosen = sorted(
            shared,
            key=lambda n: (-shared[n], n not in author_ranks, n not in category_ranks, n),
        )[:limit]
        # Then one shared topic (with an author, in the category, any), then no topic at all
        # (an author, then the category): each tier newest first, each made only when needed.
        tiers = (
            lambda: set().union(*(s & author_ranks for s in tag_sets)),
            lambda: set().union(*(s & category_ranks for s in tag_sets)),
            lambda: set().union(*tag_sets),
            lambda: author_ranks & category_ranks,
            lambda: author_ranks,
            lambda: category_ranks,
        )
        for tier in tiers:
            if len(chosen) >= limit:
                break
            chosen += sorted(tier() - set(chosen) - {own})[: limit - len(chosen)]
        return [self.posts[n] for n in chosen[:limit]]

    def more_by(self, post: Any, author: Hashable, limit: int, shown: Iterable[Any]) -> list[Any]:
        """The author's newest other posts, up to `limit`, leaving out those already shown."""
        skip = {self.rank.get(id(p)) for p in (*shown, post)}
        ranks = sorted(self.by_author.get(author, set()) - skip)
        return [self.posts[n] for n in ranks[:limit]]


def build_index(candidates: Sequence[Any]) -> RelatedIndex:
    """Index the posts that may be shown as related (published, of this build's audience)."""
    return RelatedIndex(candidates)
