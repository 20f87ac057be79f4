"""Casting ballots, counting them, and the daily IP salt."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from faces_backend.polls.ballots import (
    Ballot,
    Tally,
    WriteOutcome,
    cast_ballot,
    daily_salt,
    has_voted,
    read_all_tallies,
    read_tally,
)
from faces_backend.store.schema import open_database


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_database(tmp_path / "polls.sqlite3")
    yield connection
    connection.close()


def ballot(voter: str, *options: str, ip: str | None = None, sid: str | None = None) -> Ballot:
    return Ballot("p", options, voter, ip, sid, "2026-11-22")


def test_cast_counts_and_tallies(conn: sqlite3.Connection) -> None:
    assert cast_ballot(conn, ballot("v1", "a", "b")) == WriteOutcome("counted")
    assert cast_ballot(conn, ballot("v2", "a")) == WriteOutcome("counted")
    assert read_tally(conn, "p") == Tally(total=2, votes={"a": 2, "b": 1})
    assert read_tally(conn, "other") == Tally(total=0, votes={})
    assert read_all_tallies(conn) == {"p": Tally(total=2, votes={"a": 2, "b": 1})}
    assert has_voted(conn, "p", "v1") and not has_voted(conn, "p", "v3")
    assert not has_voted(conn, "p", None)


def test_one_ballot_per_voter_and_the_address_is_no_proof(conn: sqlite3.Connection) -> None:
    assert cast_ballot(conn, ballot("v1", "a", ip="ip1")).status == "counted"
    assert cast_ballot(conn, ballot("v1", "b", ip="ip2")).status == "already_voted"
    assert cast_ballot(conn, ballot("v2", "b", ip="ip1")).status == "counted"
    assert cast_ballot(conn, ballot("v3", "b", ip=None)).status == "counted"
    assert read_tally(conn, "p") == Tally(total=3, votes={"a": 1, "b": 2})


def test_an_address_cap_counts_ballots_from_one_address(conn: sqlite3.Connection) -> None:
    outcomes = [cast_ballot(conn, ballot(f"v{n}", "a", ip="office"), 3).status for n in range(5)]
    assert outcomes == ["counted", "counted", "counted", "address_limit", "address_limit"]
    assert cast_ballot(conn, ballot("v9", "a", ip="home"), 3).status == "counted"
    assert read_tally(conn, "p").total == 4


def test_the_database_enforces_one_vote_too(conn: sqlite3.Connection) -> None:
    cast_ballot(conn, ballot("v1", "a", ip="ip1", sid="sid-0001"))
    conn.execute(
        "INSERT INTO ballots (poll, voter_hash, ip_hash, sid, created_day)"
        " VALUES ('p', 'v8', 'ip1', NULL, '2026-11-22')"
    )
    for values in [
        ("p", "v1", None, None),
        ("p", "v9", None, "sid-0001"),
    ]:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO ballots (poll, voter_hash, ip_hash, sid, created_day)"
                " VALUES (?, ?, ?, ?, '2026-11-22')",
                values,
            )


def test_retry_with_same_sid_answers_as_before(conn: sqlite3.Connection) -> None:
    assert cast_ballot(conn, ballot("v1", "a", sid="sid-0001")) == WriteOutcome("counted")
    again = cast_ballot(conn, ballot("v1", "a", sid="sid-0001"))
    assert again == WriteOutcome("counted", duplicate_retry=True)
    assert read_tally(conn, "p").total == 1


def ballot_with(suggestion: str, sid: str) -> Ballot:
    return Ballot("p", ("a",), "v1", None, sid, "2026-11-22", suggestion=suggestion)


def test_a_retry_says_whether_its_suggestion_was_stored(conn: sqlite3.Connection) -> None:
    assert cast_ballot(conn, ballot_with("Obst", "sid-0001")) == WriteOutcome("counted")
    same = cast_ballot(conn, ballot_with("Obst", "sid-0001"))
    assert same == WriteOutcome("counted", duplicate_retry=True, suggestion_kept=True)
    changed = cast_ballot(conn, ballot_with("Mehr Obst", "sid-0001"))
    assert changed == WriteOutcome("counted", duplicate_retry=True, suggestion_kept=False)
    cast_ballot(conn, ballot("v2", "a", sid="sid-0002"))
    added = cast_ballot(conn, Ballot("p", ("a",), "v2", None, "sid-0002", "d", suggestion="Tee"))
    assert added == WriteOutcome("counted", duplicate_retry=True, suggestion_kept=False)
    assert conn.execute("SELECT text FROM suggestions").fetchall() == [("Obst",)]


def test_daily_salt_is_stable_within_a_day_and_old_hashes_are_erased(
    conn: sqlite3.Connection,
) -> None:
    monday = daily_salt(conn, "2026-11-23")
    assert daily_salt(conn, "2026-11-23") == monday and len(monday) == 32
    conn.execute(
        "INSERT INTO ballots (poll, voter_hash, ip_hash, sid, created_day)"
        " VALUES ('p', 'v1', 'hash-of-monday', NULL, '2026-11-23')"
    )
    tuesday = daily_salt(conn, "2026-11-24")
    assert tuesday != monday
    assert conn.execute("SELECT day FROM daily_salts").fetchall() == [("2026-11-24",)]
    assert conn.execute("SELECT ip_hash FROM ballots").fetchall() == [(None,)]
