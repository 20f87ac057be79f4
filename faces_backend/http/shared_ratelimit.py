"""The rate limit kept in the shared database, so several instances count one client's hits once.

Used with PostgreSQL (several instances); one SQLite instance keeps `RateLimiter` in memory.
A sliding window estimated from two fixed ones (one row per client key and window of `window`
seconds, deleted two windows later): the hits of this window plus the previous window's,
weighted by how much of it still lies within the last `window` seconds. So a burst across the
turn of a window is not let through twice. Every attempt counts, refused ones too. The key is
the already hashed client address (`Voter.client_key`), never the address.
A hit is one statement on the read pool's autocommit connection, not a writer job: it is
short-lived bookkeeping, not data to keep, and it must not wait behind a batch of votes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from faces_backend.store import Connection

# Old windows are deleted once per this many hits.
_SWEEP_EVERY = 1000


class SharedRateLimiter:
    """Allows `limit` hits per `window` seconds per key, counted in the table `rate_windows`."""

    def __init__(
        self,
        conn: Connection,
        limit: int,
        window: float = 60.0,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.limit = limit
        self.window = window
        self._conn = conn
        self._clock = clock
        self._since_sweep = 0

    def hit(self, key: str) -> int | None:
        """Record a hit; return None if allowed, else the whole seconds until one is."""
        now = self._clock()
        start = int(now // self.window * self.window)
        self._since_sweep += 1
        if self._since_sweep >= _SWEEP_EVERY:
            self._since_sweep = 0
            self._conn.execute("DELETE FROM rate_windows WHERE window_start < ?", (start,))
        hits, earlier = self._conn.execute(
            "WITH hit AS (INSERT INTO rate_windows (key, window_start, hits) VALUES (?, ?, 1) "
            "ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_windows.hits + 1 "
            "RETURNING hits) "
            "SELECT hit.hits, coalesce((SELECT hits FROM rate_windows "
            "WHERE key = ? AND window_start = ?), 0) FROM hit",
            (key, start, key, start - int(self.window)),
        ).fetchone()
        still_inside = 1.0 - (now - start) / self.window
        if int(hits) + int(earlier) * still_inside <= self.limit:
            return None
        return max(1, math.ceil(start + self.window - now))
