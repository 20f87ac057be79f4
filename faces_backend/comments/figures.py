"""The comment figures for the transparency page (contract 3), computed from the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from faces_backend.comments.store import REASONS, received_count
from faces_backend.comments.threads import CommentManifest
from faces_backend.store.connection import Connection
from faces_backend.store.queries import now_iso

COUNTED = ("received", "approved", "withdrawn")


def comment_figures(conn: Connection, manifest: CommentManifest) -> dict[str, Any]:
    """Return the figures document: counts that only grow, and the moderation times."""
    kinds = dict(
        conn.execute("SELECT kind, count(*) FROM comment_removals GROUP BY kind").fetchall()
    )
    approved_now = conn.execute(
        "SELECT count(*) FROM comments WHERE status = 'approved'"
    ).fetchone()[0]
    approved_gone = conn.execute(
        "SELECT count(*) FROM comment_removals WHERE was_approved = 1"
    ).fetchone()[0]
    # Moderated comments only: replies written through the moderation tools carry no token.
    waits = conn.execute(
        "SELECT received, decided FROM comments WHERE status = 'approved' "
        "AND withdraw_hash IS NOT NULL ORDER BY received, id"
    ).fetchall()
    return {
        "version": 1,
        "generated": now_iso(),
        "received": received_count(conn),
        "approved": int(approved_now) + int(approved_gone),
        "withdrawn": int(kinds.get("withdrawn", 0)),
        "rejected": {reason: int(kinds.get(reason, 0)) for reason in REASONS},
        "approval_seconds": [_seconds(start, end) for start, end in waits],
        "first_author_reply_seconds": _first_replies(conn, manifest),
    }


def _first_replies(conn: Connection, manifest: CommentManifest) -> dict[str, int]:
    rows = conn.execute(
        "SELECT reply.thread, reply.profile, parent.received, reply.received "
        "FROM comments AS reply JOIN comments AS parent ON reply.parent = parent.id "
        "WHERE reply.status = 'approved' AND reply.profile IS NOT NULL "
        "ORDER BY reply.received"
    ).fetchall()
    first: dict[str, int] = {}
    for thread_id, profile, asked, answered in rows:
        thread = manifest.threads.get(thread_id)
        if thread is not None and profile not in thread.authors:
            continue
        seconds = _seconds(asked, answered)
        first[thread_id] = min(seconds, first.get(thread_id, seconds))
    return dict(sorted(first.items()))


def _seconds(start: str, end: str) -> int:
    return max(
        0, int((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())
    )


def fewer_than(repo: Any, fresh: dict[str, Any]) -> list[tuple[str, int, int]]:
    """Return (figure, repository, database) for every count the database has less of."""
    if not isinstance(repo, dict):
        return []
    found: list[tuple[str, int, int]] = []
    for key in COUNTED:
        old = repo.get(key)
        if isinstance(old, int) and old > fresh[key]:
            found.append((key, old, fresh[key]))
    rejected = repo.get("rejected")
    if isinstance(rejected, dict):
        for reason, old in sorted(rejected.items()):
            new = fresh["rejected"].get(reason, 0)
            if isinstance(old, int) and old > new:
                found.append((f"rejected.{reason}", old, new))
    return found
