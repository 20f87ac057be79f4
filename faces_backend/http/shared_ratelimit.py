"""The rate limit kept in the shared database, so several instances count one client's hits once.

Used with PostgreSQL (several instances); one SQLite instance keeps `RateLimiter` in memory.
The same sliding log as there: an allowed request leaves one row (the client key and the time),
a request is allowed while fewer than `limit` rows of its key lie within the last `window`
seconds, and a refused one is told when the oldest of them leaves the window. The key is the
already hashed client address (`Voter.client_key`), never the address itself.

Count and insert run in one transaction under advisory locks of the keys, sent together in
one round trip: a second instance's hit on the same key waits for the first to commit and then
counts it, so concurrent hits never pass the limit (one statement alone would not do: both
would count from the same snapshot and both insert).

Hits run on the read pool's autocommit connection, not as writer jobs: they are short-lived
bookkeeping (the pool's connections do not wait for a disk flush), not data to keep, and must
not queue behind a batch of votes. `check` gathers the hits that arrive while one round trip is
under way and decides them all in the next one, in a worker thread (group commit, as the writer
does for votes): one statement, one thread hand-off and one commit per group, not per hit. A
group's hits count as made at the same moment, one after the other in the order they came.
A vote's hit goes further: it is recorded by the vote's own statement (`folded`, `RateHit`;
`polls/ballots_postgres.py`), under the same locks and with the same rule.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from faces_backend.http.sweeps import SweptWindow
from faces_backend.store.postgres_connection import LockedStatements

# The advisory lock space of rate-limit keys ("rate"), apart from the store's own locks.
RATE_LOCK_CLASS = 0x72617465

# The hits of one key are numbered in order: the first (limit - logged) of them are allowed.
_HITS = (
    "WITH given AS (SELECT h.key, h.position,"
    " row_number() OVER (PARTITION BY h.key ORDER BY h.position) AS place"
    " FROM unnest(?::text[]) WITH ORDINALITY AS h (key, position)), "
    "recent AS (SELECT k.key, count(r.at_ms) AS hits, min(r.at_ms) AS oldest"
    " FROM (SELECT DISTINCT key FROM given) AS k"
    " LEFT JOIN rate_hits r ON r.key = k.key AND r.at_ms > ? GROUP BY k.key), "
    "allowed AS (INSERT INTO rate_hits (key, at_ms) SELECT g.key, ? FROM given g"
    " JOIN recent r ON r.key = g.key WHERE r.hits + g.place <= ?) "
    "SELECT r.hits + g.place <= ?, coalesce(r.oldest, ?) FROM given g"
    " JOIN recent r ON r.key = g.key ORDER BY g.position"
)


@dataclass(frozen=True)
class RateHit:
    """A hit that a writer job records itself, with its write (a vote): the key and the rule."""

    key: str
    limit: int
    window_ms: int
    sweep: bool = False  # also delete every row that has left the window (now and then)


def seconds_to_wait(oldest_ms: int, since_ms: int) -> int:
    """Return the whole seconds until the oldest hit in the window leaves it (at least 1)."""
    return max(1, math.ceil((oldest_ms - since_ms) / 1000))


class SharedRateLimiter(SweptWindow):
    """Allows `limit` hits per `window` seconds per key, logged in the table `rate_hits`."""

    def __init__(
        self,
        conn: LockedStatements,
        limit: int,
        window: float = 60.0,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(window, clock)
        self.limit = limit
        self._conn = conn
        # Per event loop: the hits waiting for the next round trip, and the task sending them.
        self._waiting: dict[asyncio.AbstractEventLoop, list[tuple[str, asyncio.Future[int | None]]]]
        self._waiting = {}
        self._senders: dict[asyncio.AbstractEventLoop, asyncio.Task[None]] = {}

    def hit(self, key: str) -> int | None:
        """Record a hit; return None if allowed, else the whole seconds until one is."""
        return self.hit_all([key])[0]

    def hit_all(self, keys: list[str]) -> list[int | None]:
        """Record hits one after the other at this moment; for each, None or the seconds to wait."""
        now_ms, since_ms = self.span_ms()
        if self._sweeps.due(len(keys)):
            self._conn.execute("DELETE FROM rate_hits WHERE at_ms <= ?", (since_ms,))
        rows = self._conn.execute_locked(
            RATE_LOCK_CLASS,
            keys,
            _HITS,
            (keys, since_ms, now_ms, self.limit, self.limit, now_ms),
        ).fetchall()
        return [
            None if allowed else seconds_to_wait(int(oldest), since_ms) for allowed, oldest in rows
        ]

    def folded(self, key: str) -> RateHit:
        """Return a hit for a writer job to record with its write, as `hit` would decide it."""
        return RateHit(key, self.limit, self.window_ms, self._sweeps.due())

    async def check(self, key: str) -> int | None:
        """Record a hit like `hit`, with the others that arrive meanwhile, off the event loop."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[int | None] = loop.create_future()
        self._waiting.setdefault(loop, []).append((key, answer))
        if loop not in self._senders:
            self._senders[loop] = loop.create_task(self._send(loop))
        return await answer

    async def _send(self, loop: asyncio.AbstractEventLoop) -> None:
        """Decide the waiting hits in groups, one round trip each, until none are left."""
        try:
            while self._waiting.get(loop):
                group = self._waiting.pop(loop)
                try:
                    waits = await asyncio.to_thread(self.hit_all, [key for key, _ in group])
                except Exception as exc:
                    for _, answer in group:
                        if not answer.done():
                            answer.set_exception(exc)
                    continue
                except BaseException:
                    for _, answer in group:
                        answer.cancel()
                    raise
                for (_, answer), wait in zip(group, waits, strict=True):
                    if not answer.done():
                        answer.set_result(wait)
        finally:
            del self._senders[loop]
            for _, answer in self._waiting.pop(loop, []):
                answer.cancel()  # only when the loop is being shut down
