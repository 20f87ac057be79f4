"""Who renders each single post or page: the forked writer from the first, the build from the last.

The build process renders the listings and feeds, which take less time than the single pages;
when it is done with them it takes the single pages no forked writer has started yet, from the
last one backwards, while the forked writer goes on from the first. So both end together
however the work is shared out, and each call is rendered by exactly one process.
"""

from __future__ import annotations

import mmap
import multiprocessing

FREE, FORKED, BUILD = 0, 1, 2
# One byte per write_file call, in memory shared with the forked processes; the system only
# gives the pages that are written to, so a generous size costs nothing.
_CALLS = 1 << 20


class Claims:
    """One byte per write_file call: free, or taken by a forked writer or the build process."""

    def __init__(self) -> None:
        self._taken = mmap.mmap(-1, _CALLS)
        self._lock = multiprocessing.Lock()

    def take(self, number: int, taker: int) -> bool:
        """Take call number for taker unless another has it; whether taker has it now."""
        if number >= _CALLS:
            return taker == FORKED  # past the shared bytes: the forked writer's, as before
        with self._lock:
            held = self._taken[number]
            if held == FREE:
                self._taken[number] = taker
                return True
            return held == taker

    def close(self) -> None:
        """Release the shared memory."""
        self._taken.close()
