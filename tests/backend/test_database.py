"""Opening the database: pragmas and migrations by PRAGMA user_version."""

from __future__ import annotations

from pathlib import Path

import pytest

from faces_backend.store.copy import COPY_ORDER
from faces_backend.store.schema import MIGRATIONS, DatabaseError, connect, migrate, open_database


def test_open_database_migrates_and_uses_wal(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "polls.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    # Every table the copy moves in order, the stories, the minutes-long rate windows and
    # the shared view windows.
    assert tables == {*COPY_ORDER, "stories", "rate_hits", "view_budgets", "view_marks"}
    conn.close()


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    open_database(tmp_path / "polls.sqlite3").close()
    conn = connect(tmp_path / "polls.sqlite3")
    assert migrate(conn) == len(MIGRATIONS)
    conn.close()


# Issue 15: the reply-mail opt-ins hold the address a commenter gave for that purpose, by design,
# until the mail, unsubscribe or the retention period (tests/backend/test_notify_*.py).
OPT_IN_TABLE = "comment_subscriptions"


def test_no_column_can_hold_an_address_or_user_agent(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "polls.sqlite3")
    columns = {
        column[1]
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        if table != OPT_IN_TABLE
        for column in conn.execute(f"PRAGMA table_info({table})")
    }
    assert not {c for c in columns if c in {"ip", "ip_address", "user_agent", "user", "email"}}
    conn.close()


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "polls.sqlite3")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="newer than this backend"):
        open_database(tmp_path / "polls.sqlite3")


def test_read_connection_cannot_write(tmp_path: Path) -> None:
    open_database(tmp_path / "polls.sqlite3").close()
    reader = connect(tmp_path / "polls.sqlite3", readonly=True)
    with pytest.raises(Exception, match="readonly"):
        reader.execute("INSERT INTO totals VALUES ('p', 1)")
    reader.close()


def test_a_database_of_version_2_lets_one_office_address_vote_many_times(tmp_path: Path) -> None:
    conn = connect(tmp_path / "polls.sqlite3")
    for number, script in enumerate(MIGRATIONS[:2], start=1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    insert = (
        "INSERT INTO ballots (poll, voter_hash, ip_hash, sid, created_day)"
        " VALUES ('p', ?, 'office', NULL, '2026-11-22')"
    )
    conn.execute(insert, ("v1",))
    conn.close()
    conn = open_database(tmp_path / "polls.sqlite3")
    conn.execute(insert, ("v2",))
    assert conn.execute("SELECT voter_hash FROM ballots ORDER BY id").fetchall() == [
        ("v1",),
        ("v2",),
    ]
    conn.close()
