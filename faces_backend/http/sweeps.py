"""When a window's stale entries are swept: after every so many hits, not on each one."""

from __future__ import annotations

from collections.abc import Callable

# Often enough that memory and tables stay bounded under a flood, rarely enough to cost nothing.
SWEEP_EVERY = 1000


class SweepCount:
    """Counts hits and says when the entries that have left a window are due to be deleted."""

    def __init__(self, every: int = SWEEP_EVERY) -> None:
        self.every = every
        self._since_sweep = 0

    def due(self, hits: int = 1) -> bool:
        """Count `hits`; True, and counting starts again, when a sweep is due."""
        self._since_sweep += hits
        if self._since_sweep < self.every:
            return False
        self._since_sweep = 0
        return True


class SweptWindow:
    """A sliding window of rows in the shared database, the rows that left it swept now and then."""

    def __init__(self, window: float, clock: Callable[[], float]) -> None:
        self.window = window
        self._clock = clock
        # Rows that have left the window are deleted now and then, not on every hit.
        self._sweeps = SweepCount()

    @property
    def window_ms(self) -> int:
        """The window's length in whole milliseconds."""
        return int(self.window * 1000)

    def span_ms(self) -> tuple[int, int]:
        """Return the clock's now and the window's start, in milliseconds."""
        now_ms = int(self._clock() * 1000)
        return now_ms, now_ms - self.window_ms
