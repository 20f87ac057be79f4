"""The rate limit kept in the shared database, so several instances count one client's hits once.

Used with PostgreSQL (several instances); one SQLite instance keeps `RateLimiter` in memory.
The same sliding log as there: an allowed request leaves one row (the client key and the time),
a request is allowed while fewer than `limit` rows of its key lie within the last `window`
seconds, and a refused one is told when the oldest of them leaves the window. The key is the
already hashed client address (`Voter.client_key`), never the address itself.

Count and insert run in one transaction under an advisory lock of the key, sent together in
one round trip: a second instance's hit on the same key waits for the first to commit and then
counts it, so concurrent hits never pass the limit (one statement alone would not do: both
would count from the same snapshot and both insert).

A hit runs on the read pool's autocommit connection, not as a writer job: it is short-lived
bookkeeping (the pool's connections do not wait for a disk flush), not data to keep, and it
must not queue behind a batch of votes. `check` runs it in a worker thread, so the event loop
serves other requests during the round trip.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable

from faces_backend.store.postgres_connection import LockedStatements

# Rows older than the window are deleted once per this many hits.
_SWEEP_EVERY = 1000
# The advisory lock space of rate-limit keys ("rate"), apart from the store's own locks.
RATE_LOCK_CLASS = 0x72617465

_HIT = (
    "WITH recent AS (SELECT count(*) AS hits, min(at_ms) AS oldest FROM rate_hits "
    "WHERE key = ? AND at_ms > ?), "
    "allowed AS (INSERT INTO rate_hits (key, at_ms) SELECT ?, ? FROM recent WHERE hits < ? "
    "RETURNING at_ms) "
    "SELECT (SELECT count(*) FROM allowed), recent.oldest FROM recent"
)


class SharedRateLimiter:
    """Allows `limit` hits per `window` seconds per key, logged in the table `rate_hits`."""

    def __init__(
        self,
        conn: LockedStatements,
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
        now_ms = int(self._clock() * 1000)
        since_ms = now_ms - int(self.window * 1000)
        self._since_sweep += 1
        if self._since_sweep >= _SWEEP_EVERY:
            self._since_sweep = 0
            self._conn.execute("DELETE FROM rate_hits WHERE at_ms <= ?", (since_ms,))
        allowed, oldest = self._conn.execute_locked(
            (RATE_LOCK_CLASS, key), _HIT, (key, since_ms, key, now_ms, self.limit)
        ).fetchone()
        if int(allowed):
            return None
        return max(1, math.ceil((int(oldest) - since_ms) / 1000))

    async def check(self, key: str) -> int | None:
        """Record a hit like `hit`, in a worker thread while the event loop serves others."""
        return await asyncio.to_thread(self.hit, key)
