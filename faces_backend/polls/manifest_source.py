"""The poll manifest as the running backend and the CLI read it."""

from __future__ import annotations

import time
from collections.abc import Callable

from faces_backend.http.documents import DocumentSource, load_document
from faces_backend.polls.manifest import Manifest, parse_manifest


def load_manifest(location: str) -> Manifest:
    """Read the poll manifest once, synchronously (CLI commands, start-up checks)."""
    return load_document(location, parse_manifest, "poll manifest")


class ManifestSource(DocumentSource[Manifest]):
    """The poll manifest, re-read when the site build replaced it."""

    def __init__(self, location: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(location, parse_manifest, "poll manifest", clock=clock)
