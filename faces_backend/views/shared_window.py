"""The repeat window and per-minute budget of views kept in the shared database (PostgreSQL).

With several instances a reader's reloads reach all of them, so the decision "counted once
per window" must be one decision: `SharedViewWindow` keeps it in two small tables
(`view_marks`: a (reader, page) hash and when it was counted; `view_budgets`: a reader hash,
its minute and the views counted in it). One statement decides a view: it is a repeat if its
mark lies within the window; else it sets the mark and spends one view of the reader's budget.
Both writes are `INSERT ... ON CONFLICT DO UPDATE ... WHERE`, which locks the row and checks
the newest version, so of two instances seeing the same first view at once only one counts it
and spends the budget. Unlike the in-memory window, a view refused for the budget still marks
its page for the window (the mark comes first, so that the race above cannot spend twice).

Nothing here identifies a reader: the client is the day's address hash (`Voter.client_key`,
HMAC under the random daily salt that the next day erases), hashed again with the user agent
and the path into 64 bits; marks are deleted once they leave the window, budgets after their
minute. The pool's connections do not wait for a disk flush: this is bookkeeping, not data.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import time
from collections.abc import Callable

from faces_backend.http.sweeps import SweptWindow
from faces_backend.store.connection import Connection
from faces_backend.views.window import Outcome

BUDGET_SECONDS = 60

_DECIDE = """
WITH marked AS (
    INSERT INTO view_marks (digest, seen_ms) VALUES (?, ?)
    ON CONFLICT (digest) DO UPDATE SET seen_ms = excluded.seen_ms
    WHERE view_marks.seen_ms <= ?
    RETURNING 1
),
spent AS (
    INSERT INTO view_budgets (reader, minute, spent) SELECT ?, ?, 1 FROM marked
    ON CONFLICT (reader) DO UPDATE SET
        spent = CASE WHEN view_budgets.minute = excluded.minute
            THEN view_budgets.spent + 1 ELSE 1 END,
        minute = excluded.minute
    WHERE view_budgets.minute <> excluded.minute OR view_budgets.spent < ?
    RETURNING 1
)
SELECT (SELECT count(*) FROM marked), (SELECT count(*) FROM spent)
"""


def digest(text: str) -> int:
    """Return a signed 64-bit BLAKE2b hash of `text` (a BIGINT key)."""
    value = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(value, "big", signed=True)


class SharedViewWindow(SweptWindow):
    """Decides whether a view counts, once for all instances: once per window, N per minute."""

    shared = True  # the client it is given is the day's address hash, not the address

    def __init__(
        self,
        conn: Connection,
        window: float,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(window, clock)
        self.per_minute = per_minute
        self._conn = conn

    def check(self, client: str, user_agent: str, path: str) -> Outcome:
        """Record a view of `path` by a client; return whether it counts."""
        now_ms, since_ms = self.span_ms()
        minute = now_ms // (BUDGET_SECONDS * 1000)
        if self._sweeps.due():
            self._conn.execute("DELETE FROM view_marks WHERE seen_ms <= ?", (since_ms,))
            self._conn.execute("DELETE FROM view_budgets WHERE minute < ?", (minute,))
        reader = f"{client}\x00{user_agent}"
        seen = digest(f"{reader}\x00{path}")
        marked, spent = self._conn.execute(
            _DECIDE, (seen, now_ms, since_ms, digest(reader), minute, self.per_minute)
        ).fetchone()
        if not int(marked):
            return "repeat"
        return "counted" if int(spent) else "rate_limited"

    async def judge(self, client: str, user_agent: str, path: str) -> Outcome:
        """Decide like `check`, in a worker thread while the event loop serves others."""
        return await asyncio.to_thread(self.check, client, user_agent, path)

    def budget_resets_in(self) -> int:
        """Return the whole seconds until the current minute's budgets are renewed."""
        now = self._clock()
        return max(1, math.ceil(BUDGET_SECONDS - now % BUDGET_SECONDS))
