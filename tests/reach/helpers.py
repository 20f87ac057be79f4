"""Helpers for the reach tests: the reach manifest, a reader's browser, database queries."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from faces_backend import Settings
from tests.backend.helpers import ORIGIN, POLLS, SECRET, write_manifest

PAGES = ["/", "/2026/kantine/", "/2026/werkstatt/", "/ueber-uns/", "/datenschutz/", "/2025/a/"]
# A current desktop Chrome; the tests' own headless browser would count as a bot.
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
READER = {"Origin": ORIGIN, "User-Agent": BROWSER_UA}


def reader(number: int) -> dict[str, str]:
    """Headers of a distinct reader's browser (its own forwarded address)."""
    return {**READER, "X-Forwarded-For": f"198.51.100.{number}"}


def write_pages(path: Path, pages: list[str]) -> Path:
    """Write a reach manifest listing these page paths."""
    entries: list[dict[str, Any]] = [{"path": page, "kind": "page"} for page in pages]
    data = {"version": 1, "generated": "2026-11-22T10:00:00+00:00", "pages": entries}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def stored_views(db_path: Path) -> list[tuple[str, str, int]]:
    """Every (path, day, views) row, ordered."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT path, day, views FROM page_views ORDER BY path, day").fetchall()
    finally:
        conn.close()


def counting_settings(folder: Path, database: str, **changes: Any) -> Settings:
    """Backend settings serving POLLS and counting views of PAGES, behind one trusted proxy."""
    return Settings(
        manifest=str(write_manifest(folder / "polls.json", POLLS)),
        views_manifest=str(write_pages(folder / "reach.json", PAGES)),
        db_path=folder / database,
        allowed_origins=(ORIGIN,),
        secret=SECRET,
        trust_proxy=1,
        **changes,
    )
