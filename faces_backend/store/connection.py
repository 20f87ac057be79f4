"""What a job or a read may use of a connection: the part SQLite's and our PostgreSQL one share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol


class Cursor(Protocol):
    """The result of one statement."""

    @property
    def rowcount(self) -> int:
        """Return how many rows the statement changed."""
        ...

    def fetchone(self) -> Any:
        """Return the next row, or None."""
        ...

    def fetchall(self) -> list[Any]:
        """Return the remaining rows."""
        ...

    def __iter__(self) -> Iterator[Any]:
        """Iterate over the remaining rows."""
        ...


class Connection(Protocol):
    """A database connection in autocommit mode; transactions are explicit statements."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor:
        """Run one statement (`?` placeholders)."""
        ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor:
        """Run one statement once per parameter row."""
        ...

    @property
    def in_transaction(self) -> bool:
        """Return whether a transaction is open."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...
