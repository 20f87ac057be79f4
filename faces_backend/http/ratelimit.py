"""An in-memory sliding-window rate limit per hashed client."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from faces_backend.http.sweeps import SweepCount


class Limiter(Protocol):
    """A rate limit per key: in memory (`RateLimiter`) or shared by instances (shared_ratelimit)."""

    def hit(self, key: str) -> int | None:
        """Record a hit; return None if allowed, else the whole seconds until one is."""
        ...

    async def check(self, key: str) -> int | None:
        """Record a hit like `hit`, without holding up the other requests while it is decided."""
        ...


class RateLimiter:
    """Allows `limit` hits per `window` seconds per key (a sliding log of hit times).

    The state lives in this process: with several workers each has its own window.
    """

    def __init__(
        self, limit: int, window: float = 60.0, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        # Idle clients are forgotten now and then, so memory stays bounded under a flood.
        self._sweeps = SweepCount()

    def hit(self, key: str) -> int | None:
        """Record a hit; return None if allowed, else the whole seconds until one is."""
        now = self._clock()
        if self._sweeps.due():
            self._sweep(now)
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque(maxlen=self.limit)
        if len(hits) == self.limit and now - hits[0] < self.window:
            return max(1, math.ceil(hits[0] + self.window - now))
        hits.append(now)
        return None

    async def check(self, key: str) -> int | None:
        """Record a hit like `hit` (in memory: nothing to wait for)."""
        return self.hit(key)

    def _sweep(self, now: float) -> None:
        idle = [
            key for key, hits in self._hits.items() if not hits or now - hits[-1] >= self.window
        ]
        for key in idle:
            del self._hits[key]
