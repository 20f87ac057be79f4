"""What a person helped with but did not write: the "Mitgewirkt an" list of their page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pelican.contents import Article

from .resolve import find_profile


@dataclass(frozen=True)
class Contribution:
    """A post a person is credited on, and the roles they had in it (e.g. 'photos')."""

    article: Article
    roles: tuple[str, ...]


def contributions(
    articles: Iterable[Article],
    pages: Mapping[str, list[Article]],
    context: Mapping[str, Any],
) -> dict[str, list[Contribution]]:
    """Per handle with a page, the posts crediting them that they are not an author of."""
    found: dict[str, list[Contribution]] = {}
    for article in articles:
        roles: dict[str, list[str]] = {}
        writers = {author.slug for author in article.authors}
        for credit in getattr(article, "credits", ()):
            for person in credit.people:
                handle = person.slug
                if handle in pages and handle not in writers and find_profile(context, person):
                    roles.setdefault(handle, []).append(credit.role)
        for handle, credited in roles.items():
            found.setdefault(handle, []).append(Contribution(article, tuple(credited)))
    return found
