"""The C allocator's share of the build's memory: free pages given back (glibc).

CPython hands every object larger than 512 bytes (a post's HTML, a rendered card, a page) to
the C library's malloc. glibc keeps what is freed for later requests: a step that frees much
(the transparency figures, the pages of a listing) leaves its pages resident. A no-op where
the C library is not glibc. (Capping malloc's arenas was measured too: within 2-3 MiB at
10,000 posts, inside the noise; docs/benchmarks.md, session 11.)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import platform


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


def give_back() -> bool:
    """Return the free pages malloc keeps to the system; True if any were returned."""
    libc = _glibc()
    return libc is not None and bool(libc.malloc_trim(0))
