"""When a window's stale entries are swept: after every so many hits, not on each one."""

from __future__ import annotations

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
