"""Suggested ideas in SQLite: queued for moderation, shown only once approved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from faces_backend.polls.ballots import WriteOutcome, retry_outcome
from faces_backend.store.connection import Connection
from faces_backend.store.queries import with_filters

Status = Literal["pending", "approved", "rejected"]


@dataclass(frozen=True)
class Suggestion:
    """One suggested idea and where moderation stands."""

    id: int
    poll: str
    text: str
    status: Status
    created_day: str


def queue_suggestion(
    conn: Connection, poll: str, text: str, sid: str | None, day: str
) -> WriteOutcome:
    """Store a suggestion as pending unless it is a retry (writer job)."""
    retry = retry_outcome(conn, poll, sid, text)
    if retry is not None:
        return retry
    conn.execute(
        "INSERT INTO suggestions (poll, text, sid, created_day) VALUES (?, ?, ?, ?)",
        (poll, text, sid, day),
    )
    return WriteOutcome("suggestion_queued")


def list_suggestions(
    conn: Connection, *, status: Status | None = None, poll: str | None = None
) -> list[Suggestion]:
    """Return suggestions, oldest first, optionally only one status and one poll."""
    query, params = with_filters(
        "SELECT id, poll, text, status, created_day FROM suggestions WHERE 1 = 1",
        (("status = ?", status), ("poll = ?", poll)),
    )
    rows = conn.execute(query + " ORDER BY id", params).fetchall()
    return [Suggestion(*row) for row in rows]


def decide(conn: Connection, suggestion_id: int, status: Status, day: str) -> bool:
    """Set a suggestion's status; return False if there is no such suggestion."""
    cursor = conn.execute(
        "UPDATE suggestions SET status = ?, decided_day = ? WHERE id = ?",
        (status, day, suggestion_id),
    )
    return cursor.rowcount == 1
