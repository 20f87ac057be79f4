"""The SQLite store: the writer thread for every write, one read-only connection for reads."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from faces_backend.store.schema import MIGRATIONS, connect
from faces_backend.store.writer import Writer
from faces_backend.store.writer_store import WriterStore

log = logging.getLogger("faces_backend")


class SqliteStore(WriterStore):
    """The SQLite file of the backend, opened by `open_sqlite_store` (a `Store`)."""

    dialect = "sqlite"

    def __init__(self, writer: Writer, reader: sqlite3.Connection) -> None:
        self.writer = writer
        self.reader = reader

    def healthy(self) -> bool:
        """Return whether the read connection sees the current schema and the writer runs."""
        try:
            version = self.reader.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error:
            log.exception("faces_backend: health check cannot read the database")
            return False
        return version == len(MIGRATIONS) and self.alive


@contextlib.contextmanager
def open_sqlite_store(path: Path | str) -> Iterator[SqliteStore]:
    """Open (and migrate) the database, start its writer; stop and close both at the end."""
    writer = Writer(path)
    writer.start()
    try:
        reader = connect(path, readonly=True)
        try:
            yield SqliteStore(writer, reader)
        finally:
            reader.close()
    finally:
        writer.stop()
