"""Choosing the store: PostgreSQL when `FACES_DATABASE_URL` names one, else the SQLite file."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from faces_backend.store import Store
from faces_backend.store.postgres import is_postgres_url, open_postgres_store
from faces_backend.store.schema import DatabaseError
from faces_backend.store.sqlite import open_sqlite_store

SQLITE_PREFIX = "sqlite:///"


def sqlite_path(url: str) -> Path | None:
    """Return the file of a `sqlite:///path` URL, else None."""
    return Path(url[len(SQLITE_PREFIX) :]) if url.startswith(SQLITE_PREFIX) else None


@contextlib.contextmanager
def open_store(database_url: str, db_path: Path) -> Iterator[Store]:
    """Open the store `database_url` names (empty: the SQLite file `db_path`)."""
    if is_postgres_url(database_url):
        with open_postgres_store(database_url) as store:
            yield store
        return
    path = sqlite_path(database_url) if database_url else db_path
    if path is None:
        raise DatabaseError(
            f"FACES_DATABASE_URL {database_url!r} is neither postgresql://… nor sqlite:///…"
        )
    with open_sqlite_store(path) as sqlite_store:
        yield sqlite_store
