"""The C allocator's share of the build's memory: fewer arenas, free pages given back (glibc).

CPython hands every object larger than 512 bytes (a post's HTML, a rendered card, a page) to
the C library's malloc. glibc keeps what is freed for later requests: a step that frees much
(the transparency figures, the pages of a listing) leaves its pages resident, and each thread
that allocates (Pagefind's shard feeders, the image pools) may get an arena of its own that
keeps its free memory the same way. Both are no-ops where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import platform

# mallopt's parameter for the number of arenas (malloc.h: M_ARENA_MAX).
_M_ARENA_MAX = -8


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    """glibc, when this process runs on it; None elsewhere (musl, macOS, Windows)."""
    if platform.libc_ver()[0] != "glibc":
        return None
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name or "libc.so.6")
    except OSError:
        return None


def limit_arenas(count: int) -> bool:
    """Let malloc use at most count arenas from now on; True if the C library took the limit."""
    libc = _glibc()
    return libc is not None and bool(libc.mallopt(_M_ARENA_MAX, count))


def give_back() -> bool:
    """Return the free pages malloc keeps to the system; True if any were returned."""
    libc = _glibc()
    return libc is not None and bool(libc.malloc_trim(0))
