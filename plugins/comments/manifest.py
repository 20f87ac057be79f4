"""The comments manifest: which threads the backend may take comments for (contract point 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from faces_common.manifests import THREADS_MANIFEST_VERSION, ManifestThread


def manifest(threads: Sequence[ManifestThread], generated: dt.datetime) -> dict[str, Any]:
    """Return the manifest document, threads sorted by id."""
    return {
        "version": THREADS_MANIFEST_VERSION,
        "generated": generated.astimezone(dt.UTC)
        .isoformat(timespec="seconds")
        .replace("+00:00", "Z"),
        "threads": [thread.entry() for thread in sorted(threads, key=lambda t: t.id)],
    }
