"""The lists in which Pelican's article and page generators keep their content objects."""

from __future__ import annotations

from typing import Any

# Every list of the article generator, the posts of each status and their translations.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
)
# Every list of the page generator.
PAGE_LISTS = (
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)


def all_articles(generator: Any) -> list[Any]:
    """Every post the article generator keeps, of any status, translations included."""
    return [post for name in ARTICLE_LISTS for post in getattr(generator, name, [])]
