"""Which pages count, the path each is counted under, and the manifest the backend reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from faces_common.manifests import PAGES_MANIFEST_VERSION
from markupsafe import Markup

# Context lists of published content; drafts and hidden content never count.
CONTENT_LISTS = {"articles": "post", "pages": "page"}


@dataclass(frozen=True)
class Countable:
    """A published post or page, under the path its views are counted as."""

    path: str
    kind: str  # "post" or "page"
    content: Any  # the pelican.contents.Article or Page


def page_path(url: str) -> str:
    """Return the site-relative path a page is counted under: '/' + its URL."""
    return "/" + url.lstrip("/")


def countable(context: Mapping[str, Any]) -> Iterator[Countable]:
    """Yield every published post and page (translations included) that this build writes.

    A path is yielded once: if two items share a URL, Pelican already warns that one
    overwrites the other, and the backend would refuse a manifest with a path twice.
    """
    seen: set[str] = set()
    for name, kind in CONTENT_LISTS.items():
        for item in context.get(name, []):
            for content in (item, *getattr(item, "translations", [])):
                path = page_path(content.url)
                if content.save_as and content.status == "published" and path not in seen:
                    seen.add(path)
                    yield Countable(path, kind, content)


def manifest(pages: list[Countable], generated: datetime) -> dict[str, Any]:
    """Return the reach manifest: each countable path with what editors' reports need."""
    return {
        "version": PAGES_MANIFEST_VERSION,
        "generated": generated.isoformat(timespec="seconds"),
        "pages": [
            {
                "path": page.path,
                "kind": page.kind,
                "title": plain_title(page.content.title),
                "date": page.content.date.date().isoformat() if page.kind == "post" else None,
                "authors": [
                    {"handle": author.slug, "name": str(author.name)}
                    for author in getattr(page.content, "authors", [])
                ]
                if page.kind == "post"
                else [],
            }
            for page in sorted(pages, key=lambda page: page.path)
        ],
    }


def plain_title(title: Any) -> str:
    """A title without markup, as readers see it."""
    return str(Markup(str(title)).striptags())
