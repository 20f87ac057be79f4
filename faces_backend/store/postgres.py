"""The PostgreSQL store (`FACES_DATABASE_URL=postgresql://…`): shared by several instances.

The same `MIGRATIONS` as SQLite, rewritten by `dialect.postgres_ddl`, tracked in the table
`faces_schema` and applied under an advisory lock, so instances starting together migrate
once. Each instance keeps one writer thread (group commit, as with SQLite); PostgreSQL
orders the writers of different instances. Reads borrow a pooled autocommit connection.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import psycopg
import psycopg_pool
from psycopg import errors as pg_errors
from psycopg.pq import TransactionStatus

from faces_backend.store.connection import Connection
from faces_backend.store.dialect import postgres_ddl, postgres_sql
from faces_backend.store.schema import MIGRATIONS, DatabaseError
from faces_backend.store.writer import Engine, Writer
from faces_backend.store.writer_store import WriterStore

log = logging.getLogger("faces_backend")

# pg_advisory_lock key of the migrations ("faces" in ASCII): one instance migrates at a time.
MIGRATION_LOCK = 0x6661636573
# pg_advisory_xact_lock key of the writers' batches ("facew").
WRITE_LOCK = 0x6661636577
CONNECT_TIMEOUT_S = 5
# Reads run on the event loop one at a time, so a wait for a pooled connection means the
# server is away: answer 503 soon rather than hold the request.
POOL_TIMEOUT_S = 1.0
# After a read found the server away, reads fail at once for this long (then try again).
AWAY_S = 1.0


def is_postgres_url(url: str) -> bool:
    """Return whether `url` names a PostgreSQL database."""
    return url.startswith(("postgresql://", "postgres://"))


class Rows:
    """A statement's result, fetched completely (the connection may be handed on at once)."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        """Return the next row, or None."""
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        """Return the remaining rows."""
        rest = self._rows[self._next :]
        self._next = len(self._rows)
        return rest

    def __iter__(self) -> Iterator[Any]:
        """Iterate over the remaining rows."""
        return iter(self.fetchall())


def _run(conn: psycopg.Connection[Any], sql: str, parameters: Sequence[Any] | None) -> Rows:
    with conn.cursor() as cursor:
        if parameters is None:
            cursor.execute(postgres_sql(sql, with_parameters=False))
        else:
            cursor.execute(postgres_sql(sql), tuple(parameters))
        rows = [tuple(row) for row in cursor.fetchall()] if cursor.description else []
        return Rows(rows, cursor.rowcount)


class PostgresConnection:
    """One psycopg connection with SQLite's calling style (`?`, tuples), autocommit."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.raw = conn

    def execute(self, sql: str, parameters: Sequence[Any] | None = None, /) -> Rows:
        """Run one statement."""
        return _run(self.raw, sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Rows:
        """Run one statement once per parameter row."""
        with self.raw.cursor() as cursor:
            cursor.executemany(postgres_sql(sql), [tuple(row) for row in parameters])
            return Rows([], cursor.rowcount)

    @property
    def in_transaction(self) -> bool:
        """Return whether a transaction is open."""
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    @property
    def broken(self) -> bool:
        """Return whether the server connection is gone."""
        return self.raw.closed or self.raw.broken

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()


class PooledReader:
    """Reads for the event loop: each statement on a pooled autocommit connection."""

    def __init__(self, pool: psycopg_pool.ConnectionPool[Any]) -> None:
        self.pool = pool
        self._away_until = 0.0

    def execute(self, sql: str, parameters: Sequence[Any] | None = None, /) -> Rows:
        """Run one statement on a connection of the pool (again on a fresh one if it was lost)."""
        if time.monotonic() < self._away_until:
            # The server just failed to answer: say so at once instead of waiting again.
            raise psycopg.OperationalError("the database server is not answering")
        try:
            try:
                with self.pool.connection(timeout=POOL_TIMEOUT_S) as conn:
                    return _run(conn, sql, parameters)
            except psycopg_pool.PoolTimeout:
                raise
            except psycopg.OperationalError:
                # The pool drops a lost connection; after a server restart every pooled one
                # is lost, so one more try on a new connection tells "restarted" from "down".
                with self.pool.connection(timeout=POOL_TIMEOUT_S) as conn:
                    return _run(conn, sql, parameters)
        except psycopg.OperationalError:
            self._away_until = time.monotonic() + AWAY_S
            raise

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Rows:
        """Run one statement once per parameter row (on one pooled connection)."""
        with self.pool.connection(timeout=POOL_TIMEOUT_S) as conn:
            return PostgresConnection(conn).executemany(sql, parameters)

    @property
    def in_transaction(self) -> bool:
        """Return False: every read commits on its own."""
        return False

    def close(self) -> None:
        """Close the pool."""
        self.pool.close()


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
        collisions=(
            pg_errors.UniqueViolation,
            pg_errors.DeadlockDetected,
            pg_errors.SerializationFailure,
        ),
        broken=_is_broken,
        # One batch at a time across all instances, like SQLite's single writer: batches
        # that interleaved would lock the hot counter rows (tallies, totals) in different
        # orders and deadlock. Each instance still shares one commit among a whole batch.
        begin=("BEGIN", f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"),
    )


def _is_broken(conn: Connection) -> bool:
    return isinstance(conn, PostgresConnection) and conn.broken


class PostgresStore(WriterStore):
    """A PostgreSQL database shared by every instance, opened by `open_postgres_store`."""

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
            min_size=1,
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
