"""The single writer: jobs in group commits, answered only after COMMIT."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from faces_backend.store.schema import connect
from faces_backend.store.writer import Writer, WriterStopped


def insert(poll: str) -> Callable[[sqlite3.Connection], str]:
    def job(conn: sqlite3.Connection) -> str:
        conn.execute("INSERT INTO totals (poll, ballots) VALUES (?, 1)", (poll,))
        return poll

    return job


def test_every_job_is_committed_before_its_caller_hears_back(tmp_path: Path) -> None:
    db = tmp_path / "polls.sqlite3"
    writer = Writer(db)
    writer.start()
    outside = connect(db, readonly=True)

    async def one(number: int) -> bool:
        await writer.run(insert(f"p{number}"))
        row = outside.execute("SELECT 1 FROM totals WHERE poll = ?", (f"p{number}",)).fetchone()
        return row is not None

    async def many() -> list[bool]:
        return await asyncio.gather(*(one(n) for n in range(300)))

    assert all(asyncio.run(many()))
    writer.stop()
    assert outside.execute("SELECT count(*) FROM totals").fetchone() == (300,)
    outside.close()


def test_jobs_that_queue_up_share_one_commit(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "polls.sqlite3")
    writer.start()
    blocking = threading.Event()
    gate = threading.Event()
    statements: list[str] = []
    threads: set[int] = set()

    def blocker(conn: sqlite3.Connection) -> None:
        conn.set_trace_callback(statements.append)
        blocking.set()
        assert gate.wait(30), "the test never opened the gate"

    def record(conn: sqlite3.Connection) -> None:
        threads.add(threading.get_ident())

    async def scenario() -> None:
        first = asyncio.ensure_future(writer.run(blocker))
        assert await asyncio.to_thread(blocking.wait, 30), "the writer never ran the blocker"
        queued = [asyncio.ensure_future(writer.run(record)) for _ in range(10)]
        # One pass of the event loop: each task runs up to `await future`, i.e. its job is in
        # the writer's queue before the gate opens (Writer.run queues before it awaits).
        await asyncio.sleep(0)
        assert not any(task.done() for task in queued)
        gate.set()
        await asyncio.gather(first, *queued)

    asyncio.run(scenario())
    writer.stop()
    assert threads != {threading.get_ident()} and len(threads) == 1
    # The blocker's own batch commits once; the ten jobs that waited meanwhile commit once.
    assert [s for s in statements if s in ("BEGIN IMMEDIATE", "COMMIT")] == [
        "COMMIT",
        "BEGIN IMMEDIATE",
        "COMMIT",
    ]
    assert statements.count("SAVEPOINT job") == 10


def test_a_failing_job_is_rolled_back_alone(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "polls.sqlite3")
    writer.start()

    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO totals (poll, ballots) VALUES ('bad', 1)")
        raise ValueError("boom")

    async def scenario() -> list[object]:
        return await asyncio.gather(
            writer.run(insert("a")),
            writer.run(half_then_fail),
            writer.run(insert("b")),
            return_exceptions=True,
        )  # type: ignore[return-value]

    results = asyncio.run(scenario())
    writer.stop()
    assert results[0] == "a" and results[2] == "b"
    assert isinstance(results[1], ValueError)
    conn = connect(tmp_path / "polls.sqlite3")
    assert conn.execute("SELECT poll FROM totals ORDER BY poll").fetchall() == [("a",), ("b",)]
    conn.close()


def test_a_stopped_writer_refuses_jobs(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "polls.sqlite3")
    writer.start()
    assert writer.alive
    writer.stop()
    assert not writer.alive
    with pytest.raises(WriterStopped):
        asyncio.run(writer.run(insert("late")))
