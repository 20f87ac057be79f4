"""The search index a preview build ordered, made by the preview server right after the build.

A build with SEARCH_INDEX_ON_REQUEST runs no Pagefind and leaves an order in the output. Once
a full build that ordered the index is served, a thread makes it (site_search.make_ordered_index:
only the shards whose pages changed, Pagefind at the lowest priority, so the next build and an
edit's quick step keep both cores). A request under the index folder waits for it, at most
WAIT_SECONDS, then gets a 503 that says the index is still being made.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from site_search import make_ordered_index, ordered_index
from starlette.responses import PlainTextResponse, Response

logger = logging.getLogger("devserver")

# How long a request under the index folder waits for the index (1,000 posts: a few seconds).
WAIT_SECONDS = 30.0
# How often a waiting request looks again.
LOOK_SECONDS = 0.05
# (still being made, could not be made): the 503's text, in the site's report language.
HELD = {
    "de": (
        "Der Suchindex wird noch erstellt. Versuchen Sie es in einigen Sekunden noch einmal.",
        "Der Suchindex konnte nicht erstellt werden; das Protokoll der Vorschau nennt den Grund.",
    ),
    "en": (
        "The search index is still being made. Try again in a few seconds.",
        "The search index could not be made; the preview's log says why.",
    ),
}


class OrderedIndex:
    """Makes the index the served build ordered, one run at a time; holds requests meanwhile."""

    def __init__(
        self,
        output_path: str,
        language: Callable[[], str] = lambda: "de",
        wait_seconds: float = WAIT_SECONDS,
    ) -> None:
        self.output = Path(output_path)
        self.language = language
        self.wait_seconds = wait_seconds
        self.folder: str | None = None  # the index folder of the latest order
        self.failed = False
        # Seconds from the latest start() to its index being made (None before any).
        self.ready_after: float | None = None
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._again = False

    def start(self) -> None:
        """Make what the served build ordered, in a thread; once more after a running one."""
        folder = ordered_index(self.output)
        if folder is None:
            return  # nothing ordered: the build indexed the site itself, or every shard is kept
        with self._lock:
            self.folder = folder
            if not self._idle.is_set():
                self._again = True
                return
            self._idle.clear()
            self.failed = False
        threading.Thread(
            target=self._make, args=(time.perf_counter(),), name="search-index", daemon=True
        ).start()

    def _make(self, started: float) -> None:
        again, indexed = True, 0
        while again:
            try:
                run = make_ordered_index(self.output)
            except Exception as error:
                # The preview goes on without search; the next build orders the index again.
                logger.error("preview: the search index could not be made: %s", error)
                run = None
            if run is not None:
                indexed += sum(1 for how in run.shards.values() if how == "indexed")
            failed = run is None and ordered_index(self.output) is not None
            with self._lock:
                again, self._again = self._again, False
                if not again:
                    self.failed = failed
                    self.ready_after = time.perf_counter() - started
                    self._idle.set()
        if not failed:
            print(
                f"Search index ready {self.ready_after:.2f} s after the build "
                f"(Pagefind indexed {indexed} shard(s))",
                file=sys.stderr,
            )

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no index is being made (for tools and tests); whether it was made."""
        return self._idle.wait(timeout) and not self.failed

    async def held(self, path: str) -> Response | None:
        """None when `path` may be served now; a 503 when it is part of an index not made."""
        folder = self.folder
        if folder is None or not (path == folder or path.startswith(folder + "/")):
            return None
        deadline = time.monotonic() + self.wait_seconds
        while not self._idle.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(LOOK_SECONDS)
        if self._idle.is_set() and not self.failed:
            return None
        making, failed = HELD.get(self.language(), HELD["en"])
        return PlainTextResponse(
            failed if self._idle.is_set() else making,
            status_code=503,
            headers={"Retry-After": "5", "Cache-Control": "no-store"},
        )
