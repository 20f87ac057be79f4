"""SQL of the page views: adding a second's aggregates, and reading them for the export."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple

from faces_backend.store.connection import Connection

EXPORT_VERSION = 1


class PageDay(NamedTuple):
    """The key of one aggregate: a page path and a day (UTC, YYYY-MM-DD)."""

    path: str
    day: str


def add_views(conn: Connection, counts: Mapping[PageDay, int]) -> int:
    """Add the counts to their (path, day) rows (a writer job); return how many views."""
    conn.executemany(
        "INSERT INTO page_views (path, day, views) VALUES (?, ?, ?) "
        "ON CONFLICT (path, day) DO UPDATE SET views = page_views.views + excluded.views",
        [(key.path, key.day, views) for key, views in counts.items()],
    )
    return sum(counts.values())


def read_views(conn: Connection) -> dict[str, dict[str, int]]:
    """Return every stored count: path -> day -> views, both in order."""
    views: dict[str, dict[str, int]] = {}
    for path, day, count in conn.execute(
        "SELECT path, day, views FROM page_views ORDER BY path, day"
    ):
        views.setdefault(path, {})[day] = count
    return views


def export_document(views: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Return the file the site build reads (content/data/views.json)."""
    return {
        "version": EXPORT_VERSION,
        "generated": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "days": "UTC",
        "paths": views,
    }
