"""The PostgreSQL writer's pipelined batches: one failing job stays its own, the rest commit."""

from __future__ import annotations

import asyncio
from functools import partial

import psycopg

from faces_backend.polls.ballots import Ballot, WriteOutcome
from faces_backend.polls.ballots_postgres import cast_ballot_postgres
from faces_backend.store import Connection
from faces_backend.store.postgres import open_postgres_store
from tests.postgres_server import PostgresServer


def salt_twice(conn: Connection) -> None:
    """A job that breaks the unique key of `daily_salts`."""
    conn.execute("INSERT INTO daily_salts (day, salt) VALUES ('2026-12-06', 'x')")
    conn.execute("INSERT INTO daily_salts (day, salt) VALUES ('2026-12-06', 'y')")


def test_a_job_reading_in_a_pipelined_batch_gets_its_rows(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.new_database()

    def salt_and_read(conn: Connection, day: str) -> tuple[object, int]:
        """A job that reads what it wrote (rows not arrived yet would read as none)."""
        conn.execute("INSERT INTO daily_salts (day, salt) VALUES (?, 'x')", (day,))
        changed = conn.executemany("UPDATE daily_salts SET salt = 'y' WHERE day = ?", [(day,)])
        found = conn.execute("SELECT salt, day FROM daily_salts WHERE day = ?", (day,)).fetchall()
        return [(bytes(salt), stored) for salt, stored in found], changed.rowcount

    async def batch() -> list[object]:
        vote = Ballot("live", ("cafe",), "v1", None, "s1", "2026-12-06")
        return await asyncio.gather(
            store.write(partial(cast_ballot_postgres, ballot=vote)),
            store.write(partial(salt_and_read, day="2026-12-06")),
            store.write(partial(salt_and_read, day="2026-12-07")),
        )

    with open_postgres_store(url) as store:
        counted, first, second = asyncio.run(batch())
    assert isinstance(counted, WriteOutcome) and counted.status == "counted"
    assert (first, second) == (([(b"y", "2026-12-06")], 1), ([(b"y", "2026-12-07")], 1))


def test_a_failing_job_fails_alone_and_the_batch_commits(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()

    async def batch(first: int) -> list[object]:
        jobs = [
            partial(
                cast_ballot_postgres,
                ballot=Ballot(
                    "live", ("cafe",), f"v{first + n}", None, f"s{first + n}", "2026-12-06"
                ),
            )
            for n in range(3)
        ]
        return await asyncio.gather(
            *(store.write(job) for job in jobs[:2]),
            store.write(salt_twice),
            store.write(jobs[2]),
            return_exceptions=True,
        )

    with open_postgres_store(url) as store:
        # Eight rounds: psycopg prepares a statement after its fifth run, and a prepared one
        # must survive a failed batch.
        for first in range(0, 80, 10):
            outcomes = asyncio.run(batch(first))
            assert [type(outcome) for outcome in outcomes] == [
                WriteOutcome,
                WriteOutcome,
                psycopg.errors.UniqueViolation,
                WriteOutcome,
            ]
            assert all(o.status == "counted" for o in outcomes if isinstance(o, WriteOutcome))
        stored = store.reader.execute("SELECT count(*) FROM ballots").fetchone()
        salts = store.reader.execute("SELECT count(*) FROM daily_salts").fetchone()
    assert (stored, salts) == ((24,), (0,))
