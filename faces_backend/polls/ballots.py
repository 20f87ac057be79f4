"""Ballots in SQLite: casting one (a writer job), counting them, and the daily IP salt."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Literal

from faces_backend.store.connection import Connection

PreviousAnswer = Literal["counted", "suggestion_queued"]


@dataclass(frozen=True)
class WriteOutcome:
    """What a write job did: the status word to answer, and whether it was a retry."""

    status: Literal[
        "counted", "suggestion_queued", "already_voted", "address_limit", "rate_limited"
    ]
    duplicate_retry: bool = False
    # False: a retry carried a suggestion the first request did not store (it was dropped).
    suggestion_kept: bool = True
    # The poll's counts as the job left them, when the job read them (saves the answer a read).
    tally: Tally | None = None
    # "rate_limited" (a job that also recorded the rate-limit hit): whole seconds to wait.
    retry_after: int | None = None


@dataclass(frozen=True)
class Ballot:
    """One voter's choices in one poll, as stored (identities only as HMACs)."""

    poll: str
    options: tuple[str, ...]
    voter_hash: str
    ip_hash: str | None
    sid: str | None
    day: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Tally:
    """The counts of one poll: ballots cast and votes per option id."""

    total: int
    votes: dict[str, int]


def previous_answer(conn: Connection, poll: str, sid: str | None) -> PreviousAnswer | None:
    """Return what a request with this `_sid` was answered before, if it changed anything."""
    if sid is None:
        return None
    if conn.execute("SELECT 1 FROM ballots WHERE poll = ? AND sid = ?", (poll, sid)).fetchone():
        return "counted"
    if conn.execute("SELECT 1 FROM suggestions WHERE poll = ? AND sid = ?", (poll, sid)).fetchone():
        return "suggestion_queued"
    return None


def retry_outcome(
    conn: Connection, poll: str, sid: str | None, suggestion: str | None
) -> WriteOutcome | None:
    """Return the outcome of a retried request (same `_sid`), saying if its suggestion was kept."""
    previous = previous_answer(conn, poll, sid)
    if previous is None:
        return None
    kept = suggestion is None or stored_suggestion(conn, poll, sid, suggestion)
    return WriteOutcome(previous, duplicate_retry=True, suggestion_kept=kept)


def stored_suggestion(conn: Connection, poll: str, sid: str | None, text: str) -> bool:
    """Return whether this suggestion text was stored by the request with this `_sid`."""
    row = conn.execute(
        "SELECT 1 FROM suggestions WHERE poll = ? AND sid = ? AND text = ?", (poll, sid, text)
    ).fetchone()
    return row is not None


def cast_ballot(conn: Connection, ballot: Ballot, address_cap: int = 0) -> WriteOutcome:
    """Store a ballot unless it is a retry, the voter already voted or the address is full.

    A writer job. `address_cap` > 0: at most that many ballots per poll from one address
    hash (one day's salt); the address alone never marks a reader as having voted.
    """
    previous = previous_answer(conn, ballot.poll, ballot.sid)
    if previous == "counted":
        return WriteOutcome(
            "counted",
            duplicate_retry=True,
            suggestion_kept=ballot.suggestion is None
            or stored_suggestion(conn, ballot.poll, ballot.sid, ballot.suggestion),
        )
    # previous == "suggestion_queued": only the suggestion of an unanswered request with
    # this `_sid` arrived; the choices now sent with it are a vote still to count.
    suggestion_stored_before = previous is not None
    voted = conn.execute(
        "SELECT 1 FROM ballots WHERE poll = ? AND voter_hash = ?",
        (ballot.poll, ballot.voter_hash),
    ).fetchone()
    if voted:
        return WriteOutcome("already_voted")
    if address_cap and ballot.ip_hash is not None:
        (from_address,) = conn.execute(
            "SELECT count(*) FROM ballots WHERE poll = ? AND ip_hash = ?",
            (ballot.poll, ballot.ip_hash),
        ).fetchone()
        if from_address >= address_cap:
            return WriteOutcome("address_limit")
    (ballot_id,) = conn.execute(
        "INSERT INTO ballots (poll, voter_hash, ip_hash, sid, created_day) VALUES (?, ?, ?, ?, ?)"
        " RETURNING id",
        (ballot.poll, ballot.voter_hash, ballot.ip_hash, ballot.sid, ballot.day),
    ).fetchone()
    conn.executemany(
        "INSERT INTO choices (ballot_id, poll, option) VALUES (?, ?, ?)",
        [(ballot_id, ballot.poll, option) for option in ballot.options],
    )
    # In one order everywhere, so two instances' transactions never wait on each other in a ring.
    conn.executemany(
        "INSERT INTO tallies (poll, option, votes) VALUES (?, ?, 1)"
        " ON CONFLICT (poll, option) DO UPDATE SET votes = tallies.votes + 1",
        [(ballot.poll, option) for option in sorted(ballot.options)],
    )
    conn.execute(
        "INSERT INTO totals (poll, ballots) VALUES (?, 1)"
        " ON CONFLICT (poll) DO UPDATE SET ballots = totals.ballots + 1",
        (ballot.poll,),
    )
    if ballot.suggestion is None:
        return WriteOutcome("counted")
    if suggestion_stored_before:
        kept = stored_suggestion(conn, ballot.poll, ballot.sid, ballot.suggestion)
        return WriteOutcome("counted", suggestion_kept=kept)
    conn.execute(
        "INSERT INTO suggestions (poll, text, sid, created_day) VALUES (?, ?, ?, ?)",
        (ballot.poll, ballot.suggestion, ballot.sid, ballot.day),
    )
    return WriteOutcome("counted")


def has_voted(conn: Connection, poll: str, voter_hash: str | None) -> bool:
    """Return whether this voter has a ballot in the poll."""
    if voter_hash is None:
        return False
    row = conn.execute(
        "SELECT 1 FROM ballots WHERE poll = ? AND voter_hash = ?", (poll, voter_hash)
    ).fetchone()
    return row is not None


def read_tally(conn: Connection, poll: str) -> Tally:
    """Return the counts of one poll."""
    # One statement, not two: on PostgreSQL each is a round trip.
    rows = conn.execute(
        "SELECT NULL, ballots FROM totals WHERE poll = ?"
        " UNION ALL SELECT option, votes FROM tallies WHERE poll = ?",
        (poll, poll),
    ).fetchall()
    total = next((count for option, count in rows if option is None), 0)
    return Tally(total=total, votes={option: count for option, count in rows if option is not None})


def read_all_tallies(conn: Connection) -> dict[str, Tally]:
    """Return the counts of every poll that has ballots."""
    tallies = {
        poll: Tally(total=total, votes={})
        for poll, total in conn.execute("SELECT poll, ballots FROM totals")
    }
    for poll, option, votes in conn.execute("SELECT poll, option, votes FROM tallies"):
        tallies.setdefault(poll, Tally(total=0, votes={})).votes[option] = votes
    return tallies


def daily_salt(conn: Connection, day: str) -> bytes:
    """Return the random IP salt of `day`, creating it and forgetting older days (writer job).

    When a new day starts, the salts and the IP hashes of earlier days are erased: the cap
    per address is per day, and afterwards nothing can link a ballot to an address.
    """
    row = conn.execute("SELECT salt FROM daily_salts WHERE day = ?", (day,)).fetchone()
    if row is not None:
        return bytes(row[0])
    salt = secrets.token_bytes(32)
    conn.execute("INSERT INTO daily_salts (day, salt) VALUES (?, ?)", (day, salt))
    conn.execute("DELETE FROM daily_salts WHERE day < ?", (day,))
    conn.execute(
        "UPDATE ballots SET ip_hash = NULL WHERE ip_hash IS NOT NULL AND created_day < ?", (day,)
    )
    return salt
