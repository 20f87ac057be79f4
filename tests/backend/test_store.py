"""The SQLite store behind the Store interface: one write path, a read connection, health."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from faces_backend.store import UNAVAILABLE, Store
from faces_backend.store.schema import MIGRATIONS
from faces_backend.store.sqlite import SqliteStore, open_sqlite_store


def add_total(conn: sqlite3.Connection, poll: str) -> int:
    """A write job: one row, returning how many rows there are."""
    conn.execute("INSERT INTO totals (poll, ballots) VALUES (?, 1)", (poll,))
    count: int = conn.execute("SELECT count(*) FROM totals").fetchone()[0]
    return count


def test_a_write_is_committed_before_its_answer_and_the_reader_sees_it(tmp_path: Path) -> None:
    with open_sqlite_store(tmp_path / "db.sqlite3") as store:
        typed: Store = store
        assert asyncio.run(typed.write(lambda conn: add_total(conn, "a"))) == 1
        assert store.reader.execute("SELECT poll FROM totals").fetchall() == [("a",)]
        assert store.healthy()


def test_the_reader_cannot_write(tmp_path: Path) -> None:
    with open_sqlite_store(tmp_path / "db.sqlite3") as store, pytest.raises(sqlite3.Error):
        store.reader.execute("INSERT INTO totals (poll, ballots) VALUES ('x', 1)")


def test_after_closing_writes_are_refused_as_unavailable(tmp_path: Path) -> None:
    with open_sqlite_store(tmp_path / "db.sqlite3") as store:
        pass
    assert not store.alive and not store.healthy()
    with pytest.raises(UNAVAILABLE):
        asyncio.run(store.write(lambda conn: add_total(conn, "late")))


def test_a_reader_on_an_unmigrated_database_is_unhealthy(tmp_path: Path) -> None:
    with open_sqlite_store(tmp_path / "db.sqlite3") as store:
        store.reader.close()
        store.reader = sqlite3.connect(tmp_path / "other.sqlite3")
        assert not store.healthy()
        store.reader.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        assert store.healthy()


def test_opening_the_store_migrates_the_database(tmp_path: Path) -> None:
    with open_sqlite_store(tmp_path / "db.sqlite3") as store:
        assert isinstance(store, SqliteStore)
        version = store.reader.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(MIGRATIONS)
