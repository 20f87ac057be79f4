"""The PostgreSQL writer's pipelined batches: one failing job stays its own, the rest commit."""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial

import psycopg

from faces_backend.polls.ballots import Ballot, WriteOutcome
from faces_backend.polls.ballots_postgres import ballot_job, cast_ballot_postgres
from faces_backend.store import Connection
from faces_backend.store.postgres import connect_postgres, open_postgres_store
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


def test_a_batch_after_a_server_restart_while_idle_runs_on_a_new_connection(
    postgres_server: PostgresServer,
) -> None:
    """The batch goes out in one round trip; the writer first sees the server closed its
    idle connection, so the first vote after a restart is counted, not refused."""
    url = postgres_server.new_database()

    def cast(number: int) -> WriteOutcome:
        ballot = Ballot("live", ("cafe",), f"v{number}", None, f"s{number}", "2026-12-06")
        return asyncio.run(store.write(ballot_job(ballot)))

    with open_postgres_store(url) as store:
        assert cast(1).status == "counted"
        postgres_server.stop()
        postgres_server.start()
        assert cast(2).status == "counted"
    with contextlib.closing(connect_postgres(url)) as conn:
        stored = conn.execute("SELECT voter_hash FROM ballots ORDER BY 1").fetchall()
    assert stored == [("v1",), ("v2",)]
