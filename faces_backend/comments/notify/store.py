"""The reply-mail opt-ins in SQLite (table `comment_subscriptions`): writer jobs and runners.

Every function taking a connection is a writer job: the server runs it through the store's
single write path, a command-line process on its own connection.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import threading
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from faces_backend.store import Connection, Store
from faces_backend.store.transaction import run_in_transaction
from faces_backend.store.writer import Job

T = TypeVar("T")

# A second opt-in for the same address within this time joins the first: no second mail.
QUIET_HOURS = 1


class Jobs(Protocol):
    """Runs writer jobs: `run` on the event loop, `run_blocking` in any other thread."""

    async def run(self, job: Job[T]) -> T:
        """Run the job and return its result once committed."""
        ...

    def run_blocking(self, job: Job[T]) -> T:
        """Run the job from a thread without an event loop; return its committed result."""
        ...


class StoreJobs:
    """The server's runner: every job goes through the store's single write path."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def run(self, job: Job[T]) -> T:
        """Run the job through the store's write path."""
        return await self._store.write(job)

    def run_blocking(self, job: Job[T]) -> T:
        """Run the job through the write path from a worker thread (its own short event loop)."""
        return asyncio.run(self._store.write(job))


class ConnectionJobs:
    """A command-line process's runner: one transaction per job on its own connection."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()

    async def run(self, job: Job[T]) -> T:
        """Run the job in a transaction."""
        return self.run_blocking(job)

    def run_blocking(self, job: Job[T]) -> T:
        """Run the job in a transaction."""
        with self._lock:
            return run_in_transaction(self._conn, job)


@dataclass(frozen=True)
class Subscription:
    """One commenter's opt-in for a mail when their comment gets an author's reply."""

    comment_id: str
    email: str
    lang: str
    confirmed: bool


def hash_token(token: str) -> str:
    """Return the stored form of a link token: only its SHA-256 is kept."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """Return a fresh random link token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def add_subscription(
    conn: Connection,
    *,
    comment_id: str,
    thread: str | None,
    email: str,
    lang: str,
    token: str,
    now: datetime,
) -> bool:
    """Store an unconfirmed opt-in; return whether a confirmation mail should go out.

    Within QUIET_HOURS of an unconfirmed opt-in of the same address, the new one shares its
    token: the one mail already sent confirms both.
    """
    since = (now - timedelta(hours=QUIET_HOURS)).isoformat()
    recent = conn.execute(
        "SELECT token_hash, confirmed FROM comment_subscriptions "
        "WHERE lower(email) = lower(?) AND created >= ? ORDER BY created DESC LIMIT 1",
        (email, since),
    ).fetchone()
    token_hash = hash_token(token) if recent is None or recent[1] else recent[0]
    conn.execute(
        "INSERT INTO comment_subscriptions "
        "(comment_id, thread, email, lang, token_hash, created, confirmed) "
        "VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (comment_id) DO UPDATE SET "
        "thread = excluded.thread, email = excluded.email, lang = excluded.lang, "
        "token_hash = excluded.token_hash, created = excluded.created, confirmed = NULL",
        (comment_id, thread, email, lang, token_hash, now.isoformat()),
    )
    return recent is None


def confirm(conn: Connection, *, token: str, now: datetime) -> str:
    """Confirm the opt-ins of a token; return 'confirmed', 'already' or 'unknown'."""
    token_hash = hash_token(token)
    changed = conn.execute(
        "UPDATE comment_subscriptions SET confirmed = ? WHERE token_hash = ? AND confirmed IS NULL",
        (now.isoformat(), token_hash),
    ).rowcount
    if changed:
        return "confirmed"
    known = conn.execute(
        "SELECT 1 FROM comment_subscriptions WHERE token_hash = ? LIMIT 1", (token_hash,)
    ).fetchone()
    return "already" if known else "unknown"


def stop(conn: Connection, *, token: str) -> int:
    """Delete the opt-ins of a token (unsubscribe); return how many were deleted."""
    return conn.execute(
        "DELETE FROM comment_subscriptions WHERE token_hash = ?", (hash_token(token),)
    ).rowcount


def set_thread(conn: Connection, *, comment_id: str, thread: str) -> None:
    """Note the thread of a comment's opt-in, so closing the thread can delete it."""
    conn.execute(
        "UPDATE comment_subscriptions SET thread = ? WHERE comment_id = ?", (thread, comment_id)
    )


def retoken(conn: Connection, *, comment_id: str, token: str) -> None:
    """Give one comment's opt-in a token of its own (for the link in its reply mail)."""
    conn.execute(
        "UPDATE comment_subscriptions SET token_hash = ? WHERE comment_id = ?",
        (hash_token(token), comment_id),
    )


def subscription_of(conn: Connection, *, comment_id: str) -> Subscription | None:
    """Return the opt-in stored for a comment, if any."""
    row = conn.execute(
        "SELECT comment_id, email, lang, confirmed FROM comment_subscriptions WHERE comment_id = ?",
        (comment_id,),
    ).fetchone()
    return None if row is None else Subscription(row[0], row[1], row[2], row[3] is not None)


def forget(conn: Connection, *, comment_id: str) -> int:
    """Delete the opt-in of a comment; return how many rows went."""
    return conn.execute(
        "DELETE FROM comment_subscriptions WHERE comment_id = ?", (comment_id,)
    ).rowcount


def forget_thread(conn: Connection, *, thread: str) -> int:
    """Delete every opt-in of a thread (it closed); return how many rows went."""
    return conn.execute("DELETE FROM comment_subscriptions WHERE thread = ?", (thread,)).rowcount


def forget_closed_threads(conn: Connection, *, open_threads: Collection[str]) -> int:
    """Delete the opt-ins of threads no longer open (closed, deleted or made internal)."""
    stored = conn.execute(
        "SELECT DISTINCT thread FROM comment_subscriptions WHERE thread IS NOT NULL"
    ).fetchall()
    closed = sorted({thread for (thread,) in stored} - set(open_threads))
    return sum(
        conn.execute("DELETE FROM comment_subscriptions WHERE thread = ?", (thread,)).rowcount
        for thread in closed
    )


def purge(conn: Connection, *, now: datetime, retention_days: int) -> int:
    """Delete the opt-ins older than the retention period; return how many rows went."""
    cutoff = (now - timedelta(days=retention_days)).isoformat()
    return conn.execute("DELETE FROM comment_subscriptions WHERE created < ?", (cutoff,)).rowcount
