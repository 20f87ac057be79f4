"""The comments manifest: which threads the backend may take comments for (contract point 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MANIFEST_VERSION = 1


@dataclass(frozen=True)
class ManifestThread:
    """One post's thread as the backend needs to know it."""

    id: str
    path: str
    title: str
    lang: str
    authors: tuple[str, ...]
    open: bool
    internal: bool


def manifest(threads: Sequence[ManifestThread], generated: dt.datetime) -> dict[str, Any]:
    """Return the manifest document (version 1), threads sorted by id."""
    return {
        "version": MANIFEST_VERSION,
        "generated": generated.astimezone(dt.UTC)
        .isoformat(timespec="seconds")
        .replace("+00:00", "Z"),
        "threads": [
            {
                "id": thread.id,
                "path": thread.path,
                "title": thread.title,
                "lang": thread.lang,
                "authors": list(thread.authors),
                "open": thread.open,
                "internal": thread.internal,
            }
            for thread in sorted(threads, key=lambda t: t.id)
        ],
    }
