"""The single write path to the database: one thread, one connection, group commit.

Every write of the backend is a *job*: a function of the write connection. Request
handlers hand a job to `Writer.run()` and await its result. One dedicated thread owns
the only write connection; it takes the next job from a queue together with every job
already waiting (up to `MAX_BATCH`), runs each inside its own SAVEPOINT (a failing job
is rolled back alone and its exception goes to its caller), then COMMITs the batch
once (WAL, `synchronous=FULL`: the commit is on disk when it returns). Only after the
COMMIT are the callers' futures resolved, so no reader is told "counted" before the
vote is durable. Batching costs a waiting voter nothing and shares one fsync among
everyone who arrived meanwhile (group commit).

The engine (`Engine`) says how to open the connection and which errors mean what; SQLite's
is the default. With PostgreSQL a lost connection is opened again for the next batch, and
a job that collided with another instance's transaction (a deadlock, a unique key another
instance just committed) runs again inside its batch, where it sees that other commit.
PostgreSQL also pipelines a batch (`Engine.pipeline`): every job's statements and the COMMIT
go out together, and a job that sends its statement without waiting (`postgres_connection.send`)
returns a `Later` that reads the result after the commit, so a batch of votes costs two round
trips; neighbouring `Together` jobs (votes) share one statement. If anything in such a batch
fails, it runs again job by job as described above.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from faces_backend.store.connection import Connection
from faces_backend.store.jobs import Later, Together, run_jobs
from faces_backend.store.schema import open_database

__all__ = ["Engine", "Job", "Later", "Together", "Writer", "WriterStopped", "sqlite_engine"]

log = logging.getLogger("faces_backend")

T = TypeVar("T")
Job = Callable[[Connection], T]

MAX_BATCH = 256
# How often a job that collided with another instance's transaction is run again.
MAX_JOB_ATTEMPTS = 4


@dataclass(frozen=True)
class Engine:
    """How the writer opens its connection and tells the engine's errors apart."""

    open: Callable[[], Connection]
    errors: tuple[type[Exception], ...]  # the engine failed: the whole batch fails
    collisions: tuple[type[Exception], ...] = ()  # another instance got there first: retry
    broken: Callable[[Connection], bool] = lambda conn: False  # open a new connection?
    begin: tuple[str, ...] = ("BEGIN IMMEDIATE",)  # the statements that open a batch
    # Taken right before the jobs, in the same round trip: a lock held no longer than needed.
    lock: tuple[str, ...] = ()
    # Runs a transaction-control statement whose answer is not awaited (PostgreSQL sends it
    # with the next statement); SQLite's is a plain call.
    control: Callable[[Connection, str], object] = lambda conn, sql: conn.execute(sql)
    # Opens a pipeline in which a batch's statements go out together (PostgreSQL), or None.
    pipeline: Callable[[Connection], contextlib.AbstractContextManager[object]] | None = None


def sqlite_engine(db_path: Path | str) -> Engine:
    """Return the engine of a SQLite file (opened and migrated by the writer)."""
    return Engine(open=partial(open_database, db_path), errors=(sqlite3.Error,))


@dataclass
class _Pending:
    job: Callable[[Connection], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


class WriterStopped(RuntimeError):
    """A job was handed to a writer that is not running."""


class Writer:
    """Owns the write connection in its own thread and runs jobs in group commits."""

    def __init__(self, db_path: Path | str | None = None, *, engine: Engine | None = None) -> None:
        if engine is None:
            if db_path is None:
                raise TypeError("Writer needs a db_path or an engine")
            engine = sqlite_engine(db_path)
        self.engine = engine
        self.db_path = db_path  # the SQLite file, None with another engine
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._conn: Connection | None = None

    def start(self) -> None:
        """Open (and migrate) the database and start the writer thread."""
        self._conn = self.engine.open()
        self._thread = threading.Thread(target=self._loop, name="faces-writer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish the queued jobs, then close the connection and end the thread."""
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join()
        self._thread = None

    @property
    def alive(self) -> bool:
        """Return whether the writer thread is running."""
        return self._thread is not None and self._thread.is_alive()

    async def run(self, job: Callable[[Connection], T | Later[T]]) -> T:
        """Run `job` in the writer thread and return its result once it is committed."""
        if not self.alive:
            raise WriterStopped("the database writer is not running")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Pending(job, future, loop))
        return await future

    def _loop(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stopping = True
                    break
                batch.append(item)
            self._run_batch(batch)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> Connection:
        if self._conn is not None and self.engine.broken(self._conn):
            log.warning("faces_backend: the database connection was lost; opening a new one")
            self._conn.close()
            self._conn = None
        if self._conn is None:
            self._conn = self.engine.open()
        return self._conn

    def _run_batch(self, batch: list[_Pending]) -> None:
        outcomes = self._attempt_pipelined(batch) if self.engine.pipeline is not None else None
        if outcomes is None:
            outcomes = self._attempt(batch, again_on_lost_connection=True)
        outcomes = [_read_later(outcome) for outcome in outcomes]
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Pending, Any, Any]]] = {}
        for outcome in outcomes:
            by_loop.setdefault(outcome[0].loop, []).append(outcome)
        for loop, results in by_loop.items():
            try:
                loop.call_soon_threadsafe(_deliver, results)
            except RuntimeError:
                log.warning("faces_backend: %s answers lost: event loop closed", len(results))

    def _attempt(
        self, batch: list[_Pending], *, again_on_lost_connection: bool
    ) -> list[tuple[_Pending, Any, BaseException | None]]:
        outcomes: list[tuple[_Pending, Any, BaseException | None]] = []
        conn: Connection | None = None
        committing = False
        try:
            conn = self._connection()
            *opening, last = self.engine.begin
            for statement in opening:
                self.engine.control(conn, statement)
            # Awaited: a connection lost since the last batch shows here, before any job ran.
            conn.execute(last)
            for statement in self.engine.lock:
                self.engine.control(conn, statement)
            for pending in batch:
                outcomes.append(self._run_job(conn, pending))
            committing = True
            conn.execute("COMMIT")
        except self.engine.errors as exc:
            lost = conn is not None and self.engine.broken(conn)
            # A connection found dead before COMMIT was sent (the server restarted since the
            # last batch) changed nothing: the batch runs once more on a new connection. After
            # COMMIT was sent the outcome is unknown, so the callers hear of the failure.
            if lost and not committing and again_on_lost_connection:
                return self._attempt(batch, again_on_lost_connection=False)
            log.error("faces_backend: a batch of %s writes failed: %s", len(batch), exc)
            if conn is not None and not lost and conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except self.engine.errors:
                    log.warning("faces_backend: the failed batch could not be rolled back")
            outcomes = [(pending, None, exc) for pending in batch]
        return outcomes

    def _attempt_pipelined(
        self, batch: list[_Pending]
    ) -> list[tuple[_Pending, Any, BaseException | None]] | None:
        """Run a batch in one round trip: the opening, the lock, every job and COMMIT together.

        None: a job failed, the batch was rolled back and runs again job by job, where each
        job's failure stays its own. A connection the server closed while it was idle (a
        restart) is found before anything is sent (`Engine.broken`) and opened anew; one lost
        after the batch was sent fails the batch: whether its COMMIT arrived is unknown.
        """
        assert self.engine.pipeline is not None
        control = self.engine.control
        try:
            conn = self._connection()
        except self.engine.errors:
            return None  # the job-by-job path tries again or reports the failure
        try:
            # No savepoint per job: if one fails, the whole batch runs again job by job.
            with self.engine.pipeline(conn):
                # The lock goes out with the jobs: held while the server runs them and commits,
                # not across a round trip to this process (where another instance would wait).
                for statement in (*self.engine.begin, *self.engine.lock):
                    control(conn, statement)
                values = run_jobs(conn, [pending.job for pending in batch])
                control(conn, "COMMIT")
        except Exception as exc:
            if self.engine.broken(conn):
                log.error("faces_backend: a batch of %s writes failed: %s", len(batch), exc)
                return [(pending, None, exc) for pending in batch]
            # A new connection for the job-by-job run: the statements that psycopg prepared
            # in the aborted pipeline do not exist on the server, but it would use them.
            with contextlib.suppress(*self.engine.errors):
                conn.close()
            self._conn = None
            return None
        return [(pending, value, None) for pending, value in zip(batch, values, strict=True)]

    def _run_job(self, conn: Connection, pending: _Pending) -> tuple[_Pending, Any, Any]:
        control = self.engine.control
        for attempt in range(1, MAX_JOB_ATTEMPTS + 1):
            control(conn, "SAVEPOINT job")
            try:
                value = pending.job(conn)
            except Exception as exc:
                control(conn, "ROLLBACK TO job")
                control(conn, "RELEASE job")
                if isinstance(exc, self.engine.collisions) and attempt < MAX_JOB_ATTEMPTS:
                    continue
                return (pending, None, exc)
            control(conn, "RELEASE job")
            return (pending, value, None)
        raise AssertionError("unreachable: the last attempt returns")


def _read_later(
    outcome: tuple[_Pending, Any, BaseException | None],
) -> tuple[_Pending, Any, BaseException | None]:
    pending, value, error = outcome
    if error is None and isinstance(value, Later):
        try:
            return (pending, value.read(), None)
        except Exception as exc:
            return (pending, None, exc)
    return outcome


def _deliver(outcomes: list[tuple[_Pending, Any, BaseException | None]]) -> None:
    for pending, value, error in outcomes:
        if pending.future.done():
            continue
        if error is None:
            pending.future.set_result(value)
        else:
            pending.future.set_exception(error)
