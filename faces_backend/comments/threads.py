"""The comment manifest written by the site build (contract 2): which threads exist."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from faces_common.manifests import THREADS_MANIFEST_VERSION, ManifestThread

from faces_backend.http.documents import ManifestError, manifest_entries

THREAD_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_/-]{0,199}")
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@dataclass(frozen=True)
class CommentManifest:
    """All threads the site currently publishes."""

    generated: str
    threads: dict[str, ManifestThread]


EMPTY = CommentManifest("", {})


def parse_comment_manifest(raw: bytes) -> CommentManifest:
    """Parse and check the manifest; errors name the thread and the field."""
    generated, entries = manifest_entries(raw, "threads", THREADS_MANIFEST_VERSION)
    threads: dict[str, ManifestThread] = {}
    for index, entry in enumerate(entries):
        thread = _thread(entry, index)
        if thread.id in threads:
            raise ManifestError(f"threads[{index}]: thread id {thread.id!r} appears twice")
        threads[thread.id] = thread
    return CommentManifest(generated, threads)


def _thread(entry: Any, index: int) -> ManifestThread:
    where = f"threads[{index}]"
    if not isinstance(entry, dict):
        raise ManifestError(f"{where}: expected an object")
    thread_id = entry.get("id")
    if not isinstance(thread_id, str) or not THREAD_PATTERN.fullmatch(thread_id):
        raise ManifestError(f"{where}: 'id' must be letters, digits, '-', '_' or '/'")
    authors = entry.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise ManifestError(f"{where} ({thread_id}): 'authors' must be a list of profile slugs")
    for key in ("path", "title"):
        if not isinstance(entry.get(key), str):
            raise ManifestError(f"{where} ({thread_id}): {key!r} must be a string")
    return ManifestThread(
        id=thread_id,
        path=entry["path"],
        title=entry["title"],
        lang=str(entry.get("lang", "de")),
        authors=tuple(authors),
        open=entry.get("open", True) is True,
        internal=entry.get("internal", False) is True,
    )
