"""The short-lived, in-memory window that keeps reloads and loops from inflating view counts.

Nothing here identifies a reader: a client is known only by a 64-bit BLAKE2b hash of its
address and user agent (and, for repeats, the page path) under a random key made when the
process starts. The key is never written anywhere, so the hashes are useless outside this
process and meaningless after a restart. Repeats are remembered in two generations of one
window each: a pair (client, page) is forgotten between one and two windows after it was
seen. The per-minute budget is a plain counter per client hash, cleared every minute.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from collections.abc import Callable
from typing import Literal

Outcome = Literal["counted", "repeat", "rate_limited"]

# Above this many remembered keys a generation is retired early: memory stays bounded under
# a flood, at the price of a shorter repeat window while it lasts (about 40 MB at most).
MAX_KEYS = 200_000
BUDGET_SECONDS = 60.0


class ViewWindow:
    """Decides whether a view counts: once per client and page per window, N per minute."""

    shared = False  # the client it is given is the address itself, hashed here with a process key

    def __init__(
        self,
        window: float,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_KEYS,
    ) -> None:
        self.window = window
        self.per_minute = per_minute
        self.max_keys = max_keys
        self._clock = clock
        self._key = secrets.token_bytes(32)
        self._current: set[int] = set()
        self._previous: set[int] = set()
        self._generation_start = clock()
        self._budget: dict[int, int] = {}
        self._budget_start = self._generation_start

    def check(self, client: str, user_agent: str, path: str) -> Outcome:
        """Record a view of `path` by a client; return whether it counts."""
        now = self._clock()
        if now - self._generation_start >= self.window or len(self._current) >= self.max_keys:
            self._previous = self._current
            self._current = set()
            self._generation_start = now
        if now - self._budget_start >= BUDGET_SECONDS or len(self._budget) >= self.max_keys:
            self._budget = {}
            self._budget_start = now
        reader = f"{client}\x00{user_agent}"
        seen = self._digest(f"{reader}\x00{path}")
        if seen in self._current or seen in self._previous:
            return "repeat"
        who = self._digest(reader)
        spent = self._budget.get(who, 0)
        if spent >= self.per_minute:
            return "rate_limited"
        self._budget[who] = spent + 1
        self._current.add(seen)
        return "counted"

    async def judge(self, client: str, user_agent: str, path: str) -> Outcome:
        """Decide like `check` (in memory: nothing to wait for)."""
        return self.check(client, user_agent, path)

    def budget_resets_in(self) -> int:
        """Return the whole seconds until every client's per-minute budget is renewed."""
        return max(1, math.ceil(self._budget_start + BUDGET_SECONDS - self._clock()))

    def remembered(self) -> int:
        """Return how many (client, page) hashes are held right now."""
        return len(self._current) + len(self._previous)

    def _digest(self, text: str) -> int:
        digest = hashlib.blake2b(
            text.encode("utf-8", "surrogatepass"), key=self._key, digest_size=8
        ).digest()
        return int.from_bytes(digest, "big")
