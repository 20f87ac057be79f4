"""The PostgreSQL store (`FACES_DATABASE_URL=postgresql://…`): shared by several instances.

The same `MIGRATIONS` as SQLite, rewritten by `dialect.postgres_ddl`, tracked in the table
`faces_schema` and applied under an advisory lock, so instances starting together migrate
once. Each instance keeps one writer thread (group commit, as with SQLite); PostgreSQL
orders the writers of different instances. Reads borrow a pooled autocommit connection.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any, TypeVar

import psycopg
import psycopg_pool
from psycopg import errors as pg_errors

from faces_backend.store.connection import Connection
from faces_backend.store.dialect import postgres_ddl
from faces_backend.store.postgres_connection import (
    LockedStatements,
    PooledReader,
    PostgresConnection,
    Rows,
    send,
)
from faces_backend.store.schema import MIGRATIONS, DatabaseError
from faces_backend.store.writer import Engine, Writer
from faces_backend.store.writer_store import WriterStore

log = logging.getLogger("faces_backend")

__all__ = [
    "LockedStatements",
    "PooledReader",
    "PostgresConnection",
    "PostgresStore",
    "Rows",
    "connect_postgres",
    "open_postgres_store",
    "send",
]

T = TypeVar("T")
# pg_advisory_lock key of the migrations ("faces" in ASCII): one instance migrates at a time.
MIGRATION_LOCK = 0x6661636573
# pg_advisory_xact_lock key of the writers' batches ("facew").
WRITE_LOCK = 0x6661636577
CONNECT_TIMEOUT_S = 5


def is_postgres_url(url: str) -> bool:
    """Return whether `url` names a PostgreSQL database."""
    return url.startswith(("postgresql://", "postgres://"))


def connect_postgres(url: str) -> PostgresConnection:
    """Open one autocommit connection; a server that does not answer is a `DatabaseError`."""
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot reach the PostgreSQL database ({_safe(url)}): {exc}") from None
    return PostgresConnection(raw)


def migrate_postgres(conn: Connection) -> int:
    """Bring the schema to the newest version under the migration lock; return that version."""
    conn.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK,))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS faces_schema (version BIGINT NOT NULL)")
        row = conn.execute("SELECT version FROM faces_schema").fetchone()
        version = 0 if row is None else int(row[0])
        if version > len(MIGRATIONS):
            raise DatabaseError(
                f"the database has schema version {version}, newer than this backend "
                f"({len(MIGRATIONS)}); upgrade the backend"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            conn.execute("BEGIN")
            try:
                conn.execute(postgres_ddl(script))
                conn.execute("DELETE FROM faces_schema")
                conn.execute("INSERT INTO faces_schema (version) VALUES (?)", (number,))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK,))
    return len(MIGRATIONS)


def postgres_engine(url: str) -> Engine:
    """Return the writer's engine for this database."""
    return Engine(
        # psycopg's own error if the server is away: the callers answer it with 503.
        open=lambda: PostgresConnection(
            psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        ),
        errors=(psycopg.Error,),
        control=_defer,
        pipeline=_pipeline,
        collisions=(
            pg_errors.UniqueViolation,
            pg_errors.DeadlockDetected,
            pg_errors.SerializationFailure,
        ),
        broken=_is_broken,
        # One batch at a time across all instances, like SQLite's single writer: batches
        # that interleaved would lock the hot counter rows (tallies, totals) in different
        # orders and deadlock. Each instance still shares one commit among a whole batch.
        # The lock is sent with the batch's statements and COMMIT (after an awaited BEGIN that
        # shows a lost connection), so it is held while the server works, never across a round
        # trip to an instance that may be waiting for a core.
        begin=("BEGIN",),
        lock=(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})",),
    )


def _defer(conn: Connection, sql: str) -> None:
    if isinstance(conn, PostgresConnection):
        conn.defer(sql)
    else:
        conn.execute(sql)


def _pipeline(conn: Connection) -> contextlib.AbstractContextManager[object]:
    if isinstance(conn, PostgresConnection):
        return conn.pipeline()
    return contextlib.nullcontext()


def _is_broken(conn: Connection) -> bool:
    return isinstance(conn, PostgresConnection) and conn.broken


class PostgresStore(WriterStore):
    """A PostgreSQL database shared by every instance, opened by `open_postgres_store`."""

    dialect = "postgresql"

    def __init__(self, writer: Writer, reader: PooledReader) -> None:
        self.writer = writer
        self.reader = reader

    def healthy(self) -> bool:
        """Return whether the server answers with the current schema and the writer runs."""
        try:
            row = self.reader.execute("SELECT version FROM faces_schema").fetchone()
        except psycopg.Error as exc:
            log.error("faces_backend: health check cannot read the database: %s", exc)
            return False
        return row is not None and int(row[0]) == len(MIGRATIONS) and self.alive


@contextlib.contextmanager
def open_postgres_store(url: str, *, pool_size: int = 4) -> Iterator[PostgresStore]:
    """Migrate the database, start the writer and the read pool; stop and close them at the end."""
    with contextlib.closing(connect_postgres(url)) as conn:
        try:
            migrate_postgres(conn)
        except psycopg.Error as exc:
            raise DatabaseError(f"cannot migrate the PostgreSQL database: {exc}") from None
    writer = Writer(engine=postgres_engine(url))
    writer.start()
    try:
        pool: psycopg_pool.ConnectionPool[Any] = psycopg_pool.ConnectionPool(
            url,
            min_size=pool_size,  # opened at the start: a burst never waits for a connect
            max_size=pool_size,
            # Reads and rate-limit hits only: nothing here must wait for a disk flush.
            kwargs={
                "autocommit": True,
                "connect_timeout": CONNECT_TIMEOUT_S,
                "options": "-c synchronous_commit=off",
            },
            open=True,
            name="faces-readers",
        )
        try:
            yield PostgresStore(writer, PooledReader(pool))
        finally:
            pool.close()
    finally:
        writer.stop()


def _safe(url: str) -> str:
    """Return the URL without its password, for messages."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "postgresql://…"
    host = info.get("host", "localhost")
    return f"database {info.get('dbname', '?')} on {host}"
