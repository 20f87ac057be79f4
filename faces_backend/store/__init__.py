"""The backend's storage behind one interface: features read and write through a `Store`.

`sqlite.py` is the engine today; a `postgres.py` beside it would implement the same
`Store`. Features hand the store jobs (functions of a connection) and never open one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Protocol, TypeVar

from faces_backend.store.writer import WriterStopped

T = TypeVar("T")
# The connection a job or a read gets. SQLite's today; a second engine widens this alias.
Connection = sqlite3.Connection
# What a feature catches to answer "try again later" instead of failing the request.
UNAVAILABLE: tuple[type[Exception], ...] = (sqlite3.Error, WriterStopped)


class Store(Protocol):
    """One database: every write through a single write path, reads on a read-only connection."""

    # Used only from the event loop thread, never for writes.
    reader: Connection

    @property
    def alive(self) -> bool:
        """Return whether the write path is running."""
        ...

    async def write(self, job: Callable[[Connection], T]) -> T:
        """Run `job` on the write path and return its result once it is committed."""
        ...

    def healthy(self) -> bool:
        """Return whether the database answers a read and the write path runs."""
        ...
