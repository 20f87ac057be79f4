"""The backend's storage behind one interface: features read and write through a `Store`.

`sqlite.py` (the default, one file) and `postgres.py` (`FACES_DATABASE_URL`, shared by
several instances) implement the same `Store`; `opening.open_store` picks one. Features hand
the store jobs (functions of a connection) and never open one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Protocol, TypeVar

import psycopg

from faces_backend.store.connection import Connection, Cursor
from faces_backend.store.writer import Later, WriterStopped

__all__ = ["UNAVAILABLE", "Connection", "Cursor", "Later", "Store"]

T = TypeVar("T")
# What a feature catches to answer "try again later" instead of failing the request.
UNAVAILABLE: tuple[type[Exception], ...] = (sqlite3.Error, psycopg.Error, WriterStopped)


class Store(Protocol):
    """One database: every write through a single write path, reads on a read-only connection."""

    @property
    def dialect(self) -> str:
        """Return the engine's name, "sqlite" or "postgresql" (for a job written for one)."""
        ...

    @property
    def reader(self) -> Connection:
        """Return the connection for reads (from the event loop thread, never for writes)."""
        ...

    @property
    def alive(self) -> bool:
        """Return whether the write path is running."""
        ...

    async def write(self, job: Callable[[Connection], T | Later[T]]) -> T:
        """Run `job` on the write path and return its result once it is committed."""
        ...

    def healthy(self) -> bool:
        """Return whether the database answers a read and the write path runs."""
        ...
