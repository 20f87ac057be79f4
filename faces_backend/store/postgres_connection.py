"""PostgreSQL connections in SQLite's calling style: the writer's own, and the pooled readers.

`PostgresConnection` takes `?` placeholders and tuples like sqlite3, defers the writer's
transaction control into the next round trip and pipelines a whole batch; `PooledReader`
runs the event loop's reads on a pool. Both run a statement under an advisory lock of a
key or several (`execute_locked`), which the shared rate limit uses.
"""

from __future__ import annotations

import contextlib
import select
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

import psycopg
import psycopg_pool
from psycopg.pq import TransactionStatus

from faces_backend.store.connection import Connection, Cursor
from faces_backend.store.dialect import postgres_sql

# Reads run on the event loop one at a time, so a wait for a pooled connection means the
# server is away: answer 503 soon rather than hold the request.
POOL_TIMEOUT_S = 1.0
# After a read found the server away, reads fail at once for this long (then try again).
AWAY_S = 1.0


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
        _send(cursor, sql, parameters)
        return _answer(cursor)


def _send(cursor: psycopg.Cursor[Any], sql: str, parameters: Sequence[Any] | None) -> None:
    """Execute one statement; without parameters its text is sent with no placeholders to fill."""
    if parameters is None:
        cursor.execute(postgres_sql(sql, with_parameters=False))
    else:
        cursor.execute(postgres_sql(sql), tuple(parameters))


def _answer(cursor: psycopg.Cursor[Any]) -> Rows:
    """The executed statement's rows (none for a statement that returns none) and row count."""
    rows = [tuple(row) for row in cursor.fetchall()] if cursor.description else []
    return Rows(rows, cursor.rowcount)


# Takes the advisory locks (class, hash of each key) in one order, so two transactions that
# lock several keys never wait for each other in a ring. Parameters: the class, the keys.
KEY_LOCKS = (
    "SELECT pg_advisory_xact_lock(?, lock.key) FROM"
    " (SELECT DISTINCT hashtext(k) AS key FROM unnest(?::text[]) AS k ORDER BY 1) AS lock"
)


def _run_locked(
    conn: psycopg.Connection[Any],
    lock_class: int,
    keys: Sequence[str],
    sql: str,
    parameters: Sequence[Any],
) -> Rows:
    # One simple query of four statements, the values bound by psycopg on this side: one
    # round trip and one call, cheaper than four statements in a pipeline.
    text = f"BEGIN; {postgres_sql(KEY_LOCKS)}; {postgres_sql(sql)}; COMMIT"
    with psycopg.ClientCursor(conn) as cursor:
        try:
            cursor.execute(text, (lock_class, list(keys), *parameters))
            cursor.nextset()  # past BEGIN
            cursor.nextset()  # past the locks: the statement's rows
        except psycopg.Error:
            if not conn.broken and conn.info.transaction_status != TransactionStatus.IDLE:
                conn.execute("ROLLBACK")
            raise
        return _answer(cursor)


class LockedStatements(Protocol):
    """A connection that also runs a statement atomically under an advisory lock of a key."""

    def execute(self, sql: str, parameters: Sequence[Any] | None = None, /) -> Rows:
        """Run one statement."""
        ...

    def execute_locked(
        self, lock_class: int, keys: Sequence[str], sql: str, parameters: Sequence[Any]
    ) -> Rows:
        """Run one statement in its own transaction, holding the locks (class, key) meanwhile."""
        ...


class PostgresConnection:
    """One psycopg connection with SQLite's calling style (`?`, tuples), autocommit."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.raw = conn
        self._deferred: list[str] = []
        self._pipelined = False

    def execute_locked(
        self, lock_class: int, keys: Sequence[str], sql: str, parameters: Sequence[Any]
    ) -> Rows:
        """Run one statement in its own transaction, holding the locks (class, key) meanwhile.

        BEGIN, the locks, the statement and COMMIT go out together: one round trip.
        """
        return _run_locked(self.raw, lock_class, keys, sql, parameters)

    def defer(self, sql: str) -> None:
        """Send a statement without parameters whose answer nobody waits for with the next one.

        The writer's transaction control (BEGIN, SAVEPOINT, RELEASE) goes this way: in one
        pipeline with the job's statement it costs no round trip of its own.
        """
        if self._pipelined:
            self.raw.execute(sql)  # queued in the open pipeline, in order
        else:
            self._deferred.append(sql)

    @contextlib.contextmanager
    def pipeline(self) -> Iterator[None]:
        """Queue every statement until the block ends, then send them all in one round trip."""
        deferred, self._deferred = self._deferred, []
        with self.raw.pipeline():
            self._pipelined = True
            try:
                for statement in deferred:
                    self.raw.execute(statement)
                yield
            finally:
                self._pipelined = False

    def send(self, sql: str, parameters: Sequence[Any], /) -> Callable[[], Rows]:
        """Run a statement whose rows are read later: in a pipeline, after it has ended."""
        if not self._pipelined:
            rows = self.execute(sql, parameters)
            return lambda: rows
        cursor = self.raw.cursor()
        cursor.execute(postgres_sql(sql), tuple(parameters))

        def read() -> Rows:
            with cursor:
                return _answer(cursor)

        return read

    def execute(self, sql: str, parameters: Sequence[Any] | None = None, /) -> Rows:
        """Run one statement (after the deferred ones, in one round trip) and wait for its rows."""
        if not self._deferred and not self._pipelined:
            return _run(self.raw, sql, parameters)
        deferred, self._deferred = self._deferred, []
        with self.raw.cursor() as cursor:
            # Also inside an open pipeline: the inner block's end syncs, so the rows (and
            # those of everything queued before) have arrived when they are read.
            with self.raw.pipeline():
                for statement in deferred:
                    self.raw.execute(statement)
                # Sent with the deferred statements; the pipeline's end waits for all answers.
                _send(cursor, sql, parameters)
            return _answer(cursor)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Rows:
        """Run one statement once per parameter row (the deferred ones first) and wait for it."""
        deferred, self._deferred = self._deferred, []
        with self.raw.cursor() as cursor:
            with self.raw.pipeline():  # ends with a sync, also inside an open pipeline
                for statement in deferred:
                    self.raw.execute(statement)
                cursor.executemany(postgres_sql(sql), [tuple(row) for row in parameters])
            return Rows([], cursor.rowcount)

    @property
    def in_transaction(self) -> bool:
        """Return whether a transaction is open."""
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    @property
    def broken(self) -> bool:
        """Return whether the server connection is gone (or the server said goodbye meanwhile)."""
        if self.raw.closed or self.raw.broken:
            return True
        if self._pipelined or self.in_transaction:
            return False
        # An idle connection has nothing to read unless the server closed it (a restart sends
        # its farewell and closes): seen here without a round trip, before a batch is sent.
        readable, _, _ = select.select([self.raw.fileno()], [], [], 0)
        return bool(readable)

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
        return self._on_pooled(lambda conn: _run(conn, sql, parameters))

    def execute_locked(
        self, lock_class: int, keys: Sequence[str], sql: str, parameters: Sequence[Any]
    ) -> Rows:
        """Run one statement in its own transaction under the locks (class, key); one round trip."""
        return self._on_pooled(lambda conn: _run_locked(conn, lock_class, keys, sql, parameters))

    def _on_pooled(self, work: Callable[[psycopg.Connection[Any]], Rows]) -> Rows:
        if time.monotonic() < self._away_until:
            # The server just failed to answer: say so at once instead of waiting again.
            raise psycopg.OperationalError("the database server is not answering")
        try:
            try:
                with self.pool.connection(timeout=POOL_TIMEOUT_S) as conn:
                    return work(conn)
            except psycopg_pool.PoolTimeout:
                raise
            except psycopg.OperationalError:
                # The pool drops a lost connection; after a server restart every pooled one
                # is lost, so one more try on a new connection tells "restarted" from "down".
                with self.pool.connection(timeout=POOL_TIMEOUT_S) as conn:
                    return work(conn)
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


def send(conn: Connection, sql: str, parameters: Sequence[Any]) -> Callable[[], Cursor]:
    """Run a statement in a writer job; its rows are read after the batch (pipelined there)."""
    if isinstance(conn, PostgresConnection):
        return conn.send(sql, parameters)
    rows = conn.execute(sql, parameters)
    return lambda: rows
