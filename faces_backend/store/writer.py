"""The single write path to SQLite: one thread, one connection, group commit.

Every write of the backend is a *job*: a function of the write connection. Request
handlers hand a job to `Writer.run()` and await its result. One dedicated thread owns
the only write connection; it takes the next job from a queue together with every job
already waiting (up to `MAX_BATCH`), runs each inside its own SAVEPOINT (a failing job
is rolled back alone and its exception goes to its caller), then COMMITs the batch
once (WAL, `synchronous=FULL`: the commit is on disk when it returns). Only after the
COMMIT are the callers' futures resolved, so no reader is told "counted" before the
vote is durable. Batching costs a waiting voter nothing and shares one fsync among
everyone who arrived meanwhile (group commit).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from faces_backend.store.schema import open_database

log = logging.getLogger("faces_backend")

T = TypeVar("T")
Job = Callable[[sqlite3.Connection], T]

MAX_BATCH = 256


@dataclass
class _Pending:
    job: Callable[[sqlite3.Connection], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


class WriterStopped(RuntimeError):
    """A job was handed to a writer that is not running."""


class Writer:
    """Owns the write connection in its own thread and runs jobs in group commits."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = db_path
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._conn: sqlite3.Connection | None = None

    def start(self) -> None:
        """Open (and migrate) the database and start the writer thread."""
        self._conn = open_database(self.db_path)
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

    async def run(self, job: Job[T]) -> T:
        """Run `job` in the writer thread and return its result once it is committed."""
        if not self.alive:
            raise WriterStopped("the database writer is not running")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Pending(job, future, loop))
        return await future

    def _loop(self) -> None:
        assert self._conn is not None
        conn = self._conn
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
            self._run_batch(conn, batch)
        conn.close()
        self._conn = None

    def _run_batch(self, conn: sqlite3.Connection, batch: list[_Pending]) -> None:
        outcomes: list[tuple[_Pending, Any, BaseException | None]] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for pending in batch:
                conn.execute("SAVEPOINT job")
                try:
                    value = pending.job(conn)
                except Exception as exc:
                    conn.execute("ROLLBACK TO job")
                    conn.execute("RELEASE job")
                    outcomes.append((pending, None, exc))
                else:
                    conn.execute("RELEASE job")
                    outcomes.append((pending, value, None))
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            log.exception("faces_backend: a batch of %s writes failed", len(batch))
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            outcomes = [(pending, None, exc) for pending in batch]
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Pending, Any, Any]]] = {}
        for outcome in outcomes:
            by_loop.setdefault(outcome[0].loop, []).append(outcome)
        for loop, results in by_loop.items():
            try:
                loop.call_soon_threadsafe(_deliver, results)
            except RuntimeError:
                log.warning("faces_backend: %s answers lost: event loop closed", len(results))


def _deliver(outcomes: list[tuple[_Pending, Any, BaseException | None]]) -> None:
    for pending, value, error in outcomes:
        if pending.future.done():
            continue
        if error is None:
            pending.future.set_result(value)
        else:
            pending.future.set_exception(error)
