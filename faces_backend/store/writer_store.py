"""What every store does through its writer thread, whichever engine is behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from faces_backend.store.connection import Connection
from faces_backend.store.writer import Later, Writer

T = TypeVar("T")


class WriterStore:
    """A store whose writes all go through one `Writer` (SQLite's and PostgreSQL's alike)."""

    writer: Writer

    @property
    def alive(self) -> bool:
        """Return whether the writer thread runs."""
        return self.writer.alive

    async def write(self, job: Callable[[Connection], T | Later[T]]) -> T:
        """Run `job` in the writer thread and return its result once it is committed."""
        return await self.writer.run(job)
