"""Views added up in memory per (path, day) and written once a second through the writer.

A view is answered at once (204) and only counted in memory; a background task hands the
aggregates to the single writer every `FLUSH_SECONDS`, where they share the group commit
with the votes. A crash therefore loses at most the views of the last second, and the
database only ever sees (path, day, count) rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial

from faces_backend.http.documents import DocumentSource
from faces_backend.store import UNAVAILABLE, Store
from faces_backend.views.counts import PageDay, add_views
from faces_backend.views.manifest import ViewManifest
from faces_backend.views.shared_window import SharedViewWindow
from faces_backend.views.window import ViewWindow

log = logging.getLogger("faces_backend")

FLUSH_SECONDS = 1.0


class ViewCounter:
    """Holds the views of the current second and writes them through the single writer."""

    def __init__(self, store: Store, *, interval: float = FLUSH_SECONDS) -> None:
        self.interval = interval
        self._store = store
        self._pending: dict[PageDay, int] = {}

    def add(self, path: str, day: str) -> None:
        """Count one view of `path` on `day` (in memory until the next flush)."""
        key = PageDay(path, day)
        self._pending[key] = self._pending.get(key, 0) + 1

    def pending(self) -> int:
        """Return how many views wait for the next flush."""
        return sum(self._pending.values())

    async def flush(self) -> int:
        """Write the waiting views in one job; on a database error keep them for the next try."""
        if not self._pending:
            return 0
        counts, self._pending = self._pending, {}
        try:
            return await self._store.write(partial(add_views, counts=counts))
        except UNAVAILABLE:
            log.exception(
                "faces_backend: %s views not written yet; trying again", sum(counts.values())
            )
            for key, views in counts.items():
                self._pending[key] = self._pending.get(key, 0) + views
            return 0

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Flush every `interval` seconds while the block runs, and once more at its end."""
        task = asyncio.get_running_loop().create_task(self._flush_forever())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await self.flush()

    async def _flush_forever(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.flush()


@dataclass
class ViewCounting:
    """What the view routes need: the countable paths, the repeat window, the counter."""

    manifest: DocumentSource[ViewManifest]
    window: ViewWindow | SharedViewWindow
    counter: ViewCounter
