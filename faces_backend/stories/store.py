"""Story proposals in the database: writer jobs (functions of the write connection) and reads.

Portable SQL only (the same statements run on the PostgreSQL store): no INSERT OR IGNORE,
no AUTOINCREMENT; parameters in the DB-API `?` style the store adapts.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Literal

from faces_backend.store import Connection
from faces_backend.store.queries import now_iso, spend_nonce, stored_time
from faces_backend.stories.form import About

Status = Literal["pending", "accepted", "declined"]
# In the order of Story's fields (a NewStory's first): rows are read with `Story(*row)`.
_COLUMNS = (
    "about, text, person, department, proposer, contact, id, status, editor, reason, "
    "received, decided, pulled"
)


@dataclass(frozen=True)
class NewStory:
    """A checked proposal, ready to store."""

    about: About
    text: str
    person: str | None
    department: str
    proposer: str | None
    contact: str | None


@dataclass(frozen=True)
class Story(NewStory):
    """One stored proposal: its fields, id, status and decision; `contact` is None once decided."""

    id: str
    status: Status
    editor: str | None
    reason: str | None
    received: str
    decided: str | None
    pulled: str | None  # when `stories pull` wrote it into the editorial plan

    def plan_entry(self) -> dict[str, str | None]:
        """Return the story as an entry of the editorial plan (no contact, no reason)."""
        return {
            "id": self.id,
            "received": self.received,
            "accepted": self.decided,
            "editor": self.editor,
            "about": self.about,
            "person": self.person,
            "department": self.department,
            "proposer": self.proposer,
            "text": self.text,
        }


class StoryRefused(Exception):
    """A write job refused; `problem` is the reason word."""

    def __init__(self, problem: Literal["replayed", "unknown", "decided"]) -> None:
        super().__init__(problem)
        self.problem = problem


def new_id() -> str:
    """Return a fresh story id, `s-` and 12 hex digits."""
    return f"s-{secrets.token_hex(6)}"


def insert_story(
    conn: Connection, story: NewStory, *, story_id: str, nonce: str, nonce_expires: int
) -> str:
    """Store a proposal once per stamp nonce; return its received time (writer job)."""
    if not spend_nonce(conn, nonce, nonce_expires):
        raise StoryRefused("replayed")
    received = now_iso()
    conn.execute(
        "INSERT INTO stories (id, about, text, person, department, proposer, contact, received) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            story_id,
            story.about,
            story.text,
            story.person,
            story.department,
            story.proposer,
            story.contact,
            received,
        ),
    )
    return received


def get_story(conn: Connection, story_id: str) -> Story | None:
    """Return one story, or None."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
    return Story(*row) if row else None


def stories_with(conn: Connection, status: Status) -> list[Story]:
    """Return the stories in one status, oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM stories WHERE status = ? ORDER BY received, id", (status,)
    ).fetchall()
    return [Story(*row) for row in rows]


def decide(
    conn: Connection,
    story_id: str,
    status: Literal["accepted", "declined"],
    *,
    editor: str | None = None,
    reason: str | None = None,
) -> Story:
    """Accept or decline a pending story and forget its contact; return it as it was (writer job).

    The returned story still carries the contact, so the editor can be shown it this once.
    """
    found = get_story(conn, story_id)
    if found is None:
        raise StoryRefused("unknown")
    if found.status != "pending":
        raise StoryRefused("decided")
    conn.execute(
        "UPDATE stories SET status = ?, editor = ?, reason = ?, decided = ?, contact = NULL "
        "WHERE id = ?",
        (status, editor, reason, now_iso(), story_id),
    )
    decided = get_story(conn, story_id)
    assert decided is not None
    return replace(decided, contact=found.contact)


def purge_declined(conn: Connection, keep_days: int) -> int:
    """Delete declined stories decided more than `keep_days` ago; return how many (writer job)."""
    cutoff = stored_time(datetime.now(UTC) - timedelta(days=keep_days))
    cursor = conn.execute(
        "DELETE FROM stories WHERE status = 'declined' AND decided < ?", (cutoff,)
    )
    return int(cursor.rowcount)


def known_ids(conn: Connection) -> set[str]:
    """Return the ids of every story the database holds, in any status."""
    return {row[0] for row in conn.execute("SELECT id FROM stories")}


def mark_pulled(conn: Connection, story_ids: list[str]) -> None:
    """Note these accepted stories as written into the plan, so a pull never re-adds them."""
    moment = now_iso()
    for story_id in story_ids:
        conn.execute("UPDATE stories SET pulled = ? WHERE id = ?", (moment, story_id))
