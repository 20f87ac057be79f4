"""Opening the SQLite database and migrating its schema (`PRAGMA user_version`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Each entry moves the schema from version N to N+1; never edit a released entry.
# Nothing here holds a raw IP address, a user agent or a user name: voters are HMACs,
# and `ip_hash` (HMAC of the IP with that day's random salt) is erased the next day.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE ballots (
        id INTEGER PRIMARY KEY,
        poll TEXT NOT NULL,
        voter_hash TEXT NOT NULL,
        ip_hash TEXT,
        sid TEXT,
        created_day TEXT NOT NULL,
        UNIQUE (poll, voter_hash)
    );
    CREATE UNIQUE INDEX ballots_poll_sid ON ballots (poll, sid) WHERE sid IS NOT NULL;
    CREATE UNIQUE INDEX ballots_poll_ip ON ballots (poll, ip_hash) WHERE ip_hash IS NOT NULL;
    CREATE TABLE choices (
        ballot_id INTEGER NOT NULL REFERENCES ballots (id),
        poll TEXT NOT NULL,
        option TEXT NOT NULL,
        PRIMARY KEY (ballot_id, option)
    ) WITHOUT ROWID;
    CREATE TABLE tallies (
        poll TEXT NOT NULL,
        option TEXT NOT NULL,
        votes INTEGER NOT NULL,
        PRIMARY KEY (poll, option)
    ) WITHOUT ROWID;
    CREATE TABLE totals (
        poll TEXT PRIMARY KEY,
        ballots INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        poll TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'approved', 'rejected')),
        sid TEXT,
        created_day TEXT NOT NULL,
        decided_day TEXT
    );
    CREATE UNIQUE INDEX suggestions_poll_sid ON suggestions (poll, sid) WHERE sid IS NOT NULL;
    CREATE INDEX suggestions_status ON suggestions (status, poll);
    CREATE TABLE daily_salts (
        day TEXT PRIMARY KEY,
        salt BLOB NOT NULL
    );
    """,
    # Page views (reach): only aggregates, one row per page path and day. No reader, no time.
    """
    CREATE TABLE page_views (
        path TEXT NOT NULL,
        day TEXT NOT NULL,
        views INTEGER NOT NULL CHECK (views > 0),
        PRIMARY KEY (path, day)
    ) WITHOUT ROWID;
    """,
    # An address is never proof of a repeat vote (an office shares one): at most a cap.
    """
    DROP INDEX ballots_poll_ip;
    CREATE INDEX ballots_poll_ip ON ballots (poll, ip_hash) WHERE ip_hash IS NOT NULL;
    """,
    # Comments (issue 15; faces_backend/comments/store.py). No e-mail address, no IP: the
    # withdraw token only as its SHA-256; removals keep ids only, so a pull knows what left.
    """
    CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        thread TEXT NOT NULL,
        parent TEXT REFERENCES comments (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        profile TEXT,
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'approved', 'rejected')),
        reason TEXT,
        received TEXT NOT NULL,
        decided TEXT,
        withdraw_hash TEXT,
        reports INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX comments_thread ON comments (thread, status, decided);
    CREATE INDEX comments_parent ON comments (parent) WHERE parent IS NOT NULL;
    CREATE TABLE comment_reports (
        comment TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        received TEXT NOT NULL
    );
    CREATE INDEX comment_reports_comment ON comment_reports (comment);
    CREATE TABLE comment_removals (
        id TEXT PRIMARY KEY,
        thread TEXT NOT NULL,
        kind TEXT NOT NULL,
        removed TEXT NOT NULL,
        was_approved INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE used_stamps (
        nonce TEXT PRIMARY KEY,
        expires INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX used_stamps_expires ON used_stamps (expires);
    """,
    # Reply-mail opt-ins (issue 15; faces_backend/comments/notify/store.py). The one table
    # holding e-mail addresses; a row lives until its reply mail, unsubscribe, a closed
    # thread or FACES_NOTIFY_RETENTION_DAYS. Only a SHA-256 of the link token is kept.
    """
    CREATE TABLE comment_subscriptions (
        comment_id TEXT PRIMARY KEY,
        thread TEXT,
        email TEXT NOT NULL,
        lang TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        created TEXT NOT NULL,
        confirmed TEXT
    ) WITHOUT ROWID;
    CREATE INDEX comment_subscriptions_token ON comment_subscriptions (token_hash);
    CREATE INDEX comment_subscriptions_email ON comment_subscriptions (email, created);
    CREATE INDEX comment_subscriptions_created ON comment_subscriptions (created);
    """,
    # Story proposals (issue 19; faces_backend/stories/store.py). `contact` (an e-mail address
    # or phone number) lives only until the decision; `pulled` marks an accepted story written
    # into the editorial plan (never re-added there); a declined story's reason is never
    # published and the row is deleted FACES_STORIES_KEEP_DECLINED_DAYS after the decision.
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        about TEXT NOT NULL CHECK (about IN ('myself', 'someone')),
        text TEXT NOT NULL,
        person TEXT,
        department TEXT NOT NULL,
        proposer TEXT,
        contact TEXT,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'accepted', 'declined')),
        editor TEXT,
        reason TEXT,
        received TEXT NOT NULL,
        decided TEXT,
        pulled TEXT
    );
    CREATE INDEX stories_status ON stories (status, received);
    """,
    # The rate limit shared by several instances (issue 20; http/shared_ratelimit.py), used
    # with PostgreSQL only: one row per allowed request, a hashed client key and the time in
    # milliseconds, deleted soon after it leaves the window.
    """
    CREATE TABLE rate_hits (
        key TEXT NOT NULL,
        at_ms INTEGER NOT NULL
    );
    CREATE INDEX rate_hits_key_at ON rate_hits (key, at_ms);
    """,
    # The view-count window shared by several instances (issue 20; views/shared_window.py),
    # used with PostgreSQL only: 64-bit hashes of (day's address hash, user agent[, page]),
    # never an address; marks are deleted after the window, budgets after their minute.
    """
    CREATE TABLE view_marks (
        digest INTEGER NOT NULL PRIMARY KEY,
        seen_ms INTEGER NOT NULL
    );
    CREATE INDEX view_marks_seen ON view_marks (seen_ms);
    CREATE TABLE view_budgets (
        reader INTEGER NOT NULL PRIMARY KEY,
        minute INTEGER NOT NULL,
        spent INTEGER NOT NULL
    );
    """,
)

BUSY_TIMEOUT_MS = 5000


class DatabaseError(RuntimeError):
    """The database file cannot be used by this version of the backend."""


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a connection with the pragmas every connection needs (WAL, synchronous=FULL)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def open_database(path: Path | str) -> sqlite3.Connection:
    """Open a writable connection, switch the file to WAL and apply pending migrations."""
    try:
        conn = connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open the database {path}: {exc}") from None
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to the newest version; return that version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise DatabaseError(
            f"the database has schema version {version}, newer than this backend "
            f"({len(MIGRATIONS)}); upgrade the backend"
        )
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)
