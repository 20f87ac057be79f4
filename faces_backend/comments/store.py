"""Comments in SQLite: writer jobs (each a function of the write connection) and reads."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from faces_backend.store.connection import Connection
from faces_backend.store.queries import now_iso, spend_nonce, stored_time, with_filters

Status = Literal["pending", "approved", "rejected"]
REASONS: tuple[str, ...] = ("spam", "off_topic", "insulting", "personal_data", "other")
_COLUMNS = "id, thread, parent, name, profile, text, status, reason, received, decided, reports"


@dataclass(frozen=True)
class Comment:
    """One stored comment (the withdraw token's hash is never read back out)."""

    id: str
    thread: str
    parent: str | None
    name: str
    profile: str | None
    text: str
    status: Status
    reason: str | None
    received: str
    decided: str | None
    reports: int

    def record(self) -> dict[str, str | None]:
        """Return the comment as in the repository's thread file (contract 3)."""
        return {
            "id": self.id,
            "parent": self.parent,
            "name": self.name,
            "profile": self.profile,
            "text": self.text,
            "received": self.received,
            "approved": self.decided,
        }


@dataclass(frozen=True)
class NewComment:
    """A checked submission, ready to store."""

    thread: str
    parent: str | None
    name: str
    profile: str | None
    text: str


class SubmitRefused(Exception):
    """The write job refused the comment; `problem` is the reason word."""

    def __init__(self, problem: Literal["replayed", "parent"]) -> None:
        super().__init__(problem)
        self.problem = problem


def token_hash(token: str) -> str:
    """Return the stored form of a withdraw token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_id() -> str:
    """Return a fresh comment id, `c-` and 12 hex digits."""
    return f"c-{secrets.token_hex(6)}"


def insert_comment(
    conn: Connection,
    comment: NewComment,
    *,
    comment_id: str,
    withdraw_hash: str | None,
    nonce: str | None,
    nonce_expires: int,
    status: Status = "pending",
) -> str:
    """Store a comment once per stamp nonce; return its received time (writer job)."""
    if nonce is not None and not spend_nonce(conn, nonce, nonce_expires):
        raise SubmitRefused("replayed")
    if comment.parent is not None and not _is_top_level(conn, comment.parent, comment.thread):
        raise SubmitRefused("parent")
    received = now_iso()
    conn.execute(
        "INSERT INTO comments (id, thread, parent, name, profile, text, status, received, "
        "decided, withdraw_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            comment_id,
            comment.thread,
            comment.parent,
            comment.name,
            comment.profile,
            comment.text,
            status,
            received,
            received if status == "approved" else None,
            withdraw_hash,
        ),
    )
    return received


def _is_top_level(conn: Connection, parent: str, thread: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM comments WHERE id = ? AND thread = ? AND parent IS NULL "
        "AND status != 'rejected'",
        (parent, thread),
    ).fetchone()
    return row is not None


def get_comment(conn: Connection, comment_id: str) -> Comment | None:
    """Return one comment, or None."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM comments WHERE id = ?", (comment_id,)).fetchone()
    return Comment(*row) if row else None


def moderation_queue(conn: Connection) -> list[Comment]:
    """Return the comments waiting for a decision: pending ones and reported approved ones."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM comments WHERE status = 'pending' "
        "OR (status = 'approved' AND reports > 0) ORDER BY received, id"
    ).fetchall()
    return [Comment(*row) for row in rows]


def report_reasons(conn: Connection, comment_id: str) -> list[str]:
    """Return the reasons readers gave when reporting a comment."""
    rows = conn.execute(
        "SELECT reason FROM comment_reports WHERE comment = ? ORDER BY received, reason",
        (comment_id,),
    ).fetchall()
    return [row[0] for row in rows]


def approved_comments(
    conn: Connection, thread: str | None = None, since: str | None = None
) -> list[Comment]:
    """Return approved comments (of one thread, approved after `since`), oldest first."""
    query, params = with_filters(
        f"SELECT {_COLUMNS} FROM comments WHERE status = 'approved'",
        (("thread = ?", thread), ("decided > ?", since)),
    )
    rows = conn.execute(query + " ORDER BY received, id", params).fetchall()
    return [Comment(*row) for row in rows]


def decide(
    conn: Connection, comment_id: str, status: Status, reason: str | None = None
) -> Comment | None:
    """Approve or reject a comment (a rejection leaves a tombstone); None if unknown."""
    found = get_comment(conn, comment_id)
    if found is None:
        return None
    moment = now_iso()
    decided = found.decided if found.status == status == "approved" else moment
    if status == "rejected":
        _tombstone(conn, comment_id, reason or "other", moment)
    conn.execute(
        "UPDATE comments SET status = ?, reason = ?, decided = ?, reports = 0 WHERE id = ?",
        (status, reason, decided, comment_id),
    )
    if status == "approved":
        conn.execute("DELETE FROM comment_removals WHERE id = ?", (comment_id,))
    if status == "rejected":
        conn.execute(
            "UPDATE comments SET status = 'rejected', reason = ?, decided = ? WHERE parent = ?",
            (reason or "other", moment, comment_id),
        )
    return get_comment(conn, comment_id)


def _tombstone(conn: Connection, comment_id: str, kind: str, moment: str) -> None:
    """Note a comment and its replies as removed (ids only), before their rows change."""
    conn.execute(
        "INSERT INTO comment_removals (id, thread, kind, removed, was_approved) "
        "SELECT id, thread, ?, ?, CASE WHEN status = 'approved' THEN 1 ELSE 0 END FROM comments "
        "WHERE (id = ? OR parent = ?) AND status != 'rejected' "
        "ON CONFLICT (id) DO UPDATE SET thread = excluded.thread, kind = excluded.kind, "
        "removed = excluded.removed, was_approved = excluded.was_approved",
        (kind, moment, comment_id, comment_id),
    )


def withdraw(conn: Connection, comment_id: str, token: str) -> Comment | None:
    """Delete a comment (and its replies) if the token is its own; else None (writer job)."""
    row = conn.execute("SELECT withdraw_hash FROM comments WHERE id = ?", (comment_id,)).fetchone()
    if row is None or row[0] is None:
        return None
    if not secrets.compare_digest(row[0], token_hash(token)):
        return None
    found = get_comment(conn, comment_id)
    assert found is not None
    _tombstone(conn, comment_id, "withdrawn", now_iso())
    conn.execute("DELETE FROM comments WHERE id = ?", (comment_id,))
    return found


def report(conn: Connection, comment_id: str, reason: str) -> bool:
    """Put a reader's report of an approved comment into the queue (writer job)."""
    cursor = conn.execute(
        "UPDATE comments SET reports = reports + 1 WHERE id = ? AND status = 'approved'",
        (comment_id,),
    )
    if cursor.rowcount == 0:
        return False
    conn.execute(
        "INSERT INTO comment_reports (comment, reason, received) VALUES (?, ?, ?)",
        (comment_id, reason, now_iso()),
    )
    return True


def purge_rejected(conn: Connection, keep_days: int) -> int:
    """Delete rejected comments decided more than `keep_days` ago; return how many."""
    cutoff = stored_time(datetime.now(UTC) - timedelta(days=keep_days))
    cursor = conn.execute(
        "DELETE FROM comments WHERE status = 'rejected' AND decided < ?", (cutoff,)
    )
    return cursor.rowcount


def removals(conn: Connection) -> dict[str, str]:
    """Return id -> kind ('withdrawn' or the rejection reason) of every removed comment."""
    return dict(conn.execute("SELECT id, kind FROM comment_removals").fetchall())


def known_ids(conn: Connection) -> set[str]:
    """Return the ids of every comment the database holds, in any status."""
    return {row[0] for row in conn.execute("SELECT id FROM comments")}


def received_count(conn: Connection) -> int:
    """Return how many comments were ever received (stored now, or removed since)."""
    kept = conn.execute("SELECT count(*) FROM comments WHERE status != 'rejected'").fetchone()[0]
    gone = conn.execute("SELECT count(*) FROM comment_removals").fetchone()[0]
    return int(kept) + int(gone)
