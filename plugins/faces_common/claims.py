"""Who does each numbered piece of work: a forked process from the first, the build from the last.

parallel_write: the build process renders the listings and feeds, which take less time than the
single pages; when it is done with them it takes the single pages no forked writer has started
yet, from the last one backwards, while the forked writer goes on from the first. parallel_read:
the build process reads from the first file, the forked reader from the last. So both end
together however the work is shared out, and each piece is done by exactly one process.
"""

from __future__ import annotations

import mmap
import multiprocessing
from collections.abc import Callable

FREE, FORKED, BUILD = 0, 1, 2
# One byte per piece of work, in memory shared with the forked processes; the system only
# gives the pages that are written to, so a generous size costs nothing.
_CALLS = 1 << 20
# How long the build waits for the lock before it asks whether the other process has gone.
_PATIENCE = 0.5


class Claims:
    """One byte per piece of work: free, or taken by a forked process or the build process."""

    def __init__(self) -> None:
        self._taken = mmap.mmap(-1, _CALLS)
        self._lock = multiprocessing.Lock()

    def take(self, number: int, taker: int, gone: Callable[[], bool] | None = None) -> bool:
        """Take piece number for taker unless another has it; whether taker has it now.

        gone: whether the other process has ended; a process killed while it held the lock
        never gives it back, so the build takes the piece without the lock then.
        """
        if number >= _CALLS:
            return taker == FORKED  # past the shared bytes: the forked process's, as before
        locked = self._acquire(gone)
        try:
            held = self._taken[number]
            if held == FREE:
                self._taken[number] = taker
                return True
            return held == taker
        finally:
            if locked:
                self._lock.release()

    def _acquire(self, gone: Callable[[], bool] | None) -> bool:
        if gone is None:
            return bool(self._lock.acquire())
        while not self._lock.acquire(timeout=_PATIENCE):
            if gone():
                return False
        return True

    def close(self) -> None:
        """Release the shared memory."""
        self._taken.close()
