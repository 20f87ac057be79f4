"""The single writer: jobs in group commits, answered only after COMMIT."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from faces_backend.database import connect
from faces_backend.writer import Writer, WriterStopped


def insert(poll: str) -> object:
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
        await writer.run(insert(f"p{number}"))  # type: ignore[arg-type]
        row = outside.execute("SELECT 1 FROM totals WHERE poll = ?", (f"p{number}",)).fetchone()
        return row is not None

    async def many() -> list[bool]:
        return await asyncio.gather(*(one(n) for n in range(300)))

    assert all(asyncio.run(many()))
    writer.stop()
    assert outside.execute("SELECT count(*) FROM totals").fetchone() == (300,)
    outside.close()


def test_jobs_share_commits_when_they_queue_up(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "polls.sqlite3")
    writer.start()
    gate = threading.Event()
    threads: list[int] = []

    def blocker(conn: sqlite3.Connection) -> None:
        gate.wait(5)

    def record(conn: sqlite3.Connection) -> int:
        threads.append(threading.get_ident())
        return conn.total_changes

    async def scenario() -> list[int]:
        first = asyncio.ensure_future(writer.run(blocker))
        await asyncio.sleep(0.05)
        queued = [asyncio.ensure_future(writer.run(record)) for _ in range(10)]
        await asyncio.sleep(0.05)
        gate.set()
        await first
        return list(await asyncio.gather(*queued))

    asyncio.run(scenario())
    writer.stop()
    assert len(set(threads)) == 1 and threads[0] != threading.get_ident()


def test_a_failing_job_is_rolled_back_alone(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "polls.sqlite3")
    writer.start()

    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO totals (poll, ballots) VALUES ('bad', 1)")
        raise ValueError("boom")

    async def scenario() -> list[object]:
        return await asyncio.gather(
            writer.run(insert("a")),  # type: ignore[arg-type]
            writer.run(half_then_fail),
            writer.run(insert("b")),  # type: ignore[arg-type]
            return_exceptions=True,
        )

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
        asyncio.run(writer.run(insert("late")))  # type: ignore[arg-type]
