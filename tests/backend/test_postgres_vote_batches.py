"""A writer batch of votes on PostgreSQL is one statement: answered exactly as one by one."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from faces_backend.http.shared_ratelimit import SharedRateLimiter
from faces_backend.polls.ballots import Ballot, WriteOutcome, cast_ballot
from faces_backend.polls.ballots_postgres import Cast, ballot_job, cast_ballots_postgres
from faces_backend.polls.cast_statement import CAST_BALLOTS
from faces_backend.polls.suggestions import queue_suggestion
from faces_backend.store import Connection, Later
from faces_backend.store.dialect import postgres_sql
from faces_backend.store.postgres import PostgresStore, open_postgres_store
from faces_backend.store.schema import open_database
from tests.postgres_server import PostgresServer

DAY = "2026-12-06"


def vote(
    voter: str,
    ip: str | None,
    sid: str | None,
    options: tuple[str, ...] = ("a",),
    suggestion: str | None = None,
    poll: str = "p1",
) -> Ballot:
    """A ballot of the test, cast on DAY."""
    return Ballot(poll, options, voter, ip, sid, DAY, suggestion)


# Cap 2 per address; every vote that collides with an earlier one of the batch is here.
CASTS = [
    Cast(vote("v1", "A", "s1"), 2),
    Cast(vote("v2", "A", "s2", ("b", "a")), 2),
    Cast(vote("v3", "A", "s3"), 2),  # the address's third: over the cap
    Cast(vote("v1", "B", "s4"), 2),  # the same voter again
    Cast(vote("v5", "B", "s1", suggestion="x"), 2),  # s1 replayed, with a suggestion it lacked
    Cast(vote("v6", None, None), 2),
    Cast(vote("v7", None, None, ("c",)), 2),
    Cast(vote("v8", "D", "s-q", suggestion="queued text"), 2),  # its suggestion came first
    Cast(vote("v9", "C", "s-q2", suggestion="other"), 2),  # a different one came first
    Cast(vote("v1", "A", "s1", poll="p2"), 2),  # another poll: no collision
    Cast(vote("v10", "B", "s10", ("a", "c"), suggestion="new idea"), 2),
    Cast(vote("v-old", "E", "s-new"), 2),  # voted before the batch
    Cast(vote("v11", "E", "s-old"), 2),  # replays a request before the batch
    Cast(vote("v13", "B", "s10", suggestion="new idea"), 2),  # replays v10's, same suggestion
    Cast(vote("v14", "A", "s14"), 0),  # no cap for this one
    Cast(vote("v15", "A", "s15"), 2),  # over the cap: v14 (uncapped) counts too
]


def before_the_batch(conn: Connection) -> None:
    """Write what the votes find: two queued suggestions and an earlier ballot."""
    queue_suggestion(conn, "p1", "queued text", "s-q", DAY)
    queue_suggestion(conn, "p1", "first", "s-q2", DAY)
    outcome = cast_ballot(conn, vote("v-old", "E", "s-old"), 2)
    if isinstance(outcome, Later):
        outcome.read()


def stored(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row the votes wrote, without the engines' row ids."""
    queries = {
        "ballots": "SELECT poll, voter_hash, ip_hash, sid, created_day FROM ballots",
        "choices": "SELECT b.voter_hash, c.poll, c.option FROM choices c"
        " JOIN ballots b ON b.id = c.ballot_id",
        "tallies": "SELECT poll, option, votes FROM tallies",
        "totals": "SELECT poll, ballots FROM totals",
        "suggestions": "SELECT poll, text, sid, status FROM suggestions",
    }
    return {
        name: sorted(tuple(row) for row in conn.execute(sql).fetchall())
        for name, sql in queries.items()
    }


def one_by_one_on_sqlite(path: Path) -> tuple[list[WriteOutcome], dict[str, Any]]:
    """Cast CASTS one after the other with SQLite's `cast_ballot`: the reference."""
    with contextlib.closing(open_database(path)) as conn:
        before_the_batch(conn)
        outcomes = [cast_ballot(conn, cast.ballot, cast.address_cap) for cast in CASTS]
        return outcomes, stored(conn)


async def as_one_job(store: PostgresStore) -> list[WriteOutcome]:
    """Cast CASTS in one writer job, so they are one batch for certain."""

    def cast_all(conn: Connection) -> Later[list[WriteOutcome]]:
        laters = cast_ballots_postgres(conn, CASTS)
        return Later(lambda: [later.read() for later in laters])

    await store.write(before_the_batch)
    return await store.write(cast_all)


async def one_by_one(store: PostgresStore) -> list[WriteOutcome]:
    """Cast CASTS as separate writer jobs, each awaited before the next."""
    await store.write(before_the_batch)
    return [await store.write(ballot_job(cast.ballot, cast.address_cap)) for cast in CASTS]


def answered(outcome: WriteOutcome) -> tuple[str, bool, bool]:
    """What the reader is told, without the counts (SQLite's job does not read them)."""
    return (outcome.status, outcome.duplicate_retry, outcome.suggestion_kept)


def test_colliding_votes_in_one_batch_are_answered_as_one_by_one(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    reference, reference_rows = one_by_one_on_sqlite(tmp_path / "polls.sqlite3")
    with open_postgres_store(postgres_server.new_database()) as store:
        batched = asyncio.run(as_one_job(store))
        batched_rows = stored(store.reader)
    with open_postgres_store(postgres_server.new_database()) as store:
        single = asyncio.run(one_by_one(store))

    assert [answered(outcome) for outcome in batched] == [
        answered(outcome) for outcome in reference
    ]
    assert [answered(outcome) for outcome in reference] == [
        ("counted", False, True),
        ("counted", False, True),
        ("address_limit", False, True),
        ("already_voted", False, True),
        ("counted", True, False),
        ("counted", False, True),
        ("counted", False, True),
        ("counted", False, True),
        ("counted", False, False),
        ("counted", False, True),
        ("counted", False, True),
        ("already_voted", False, True),
        ("counted", True, True),
        ("counted", True, True),
        ("counted", False, True),
        ("address_limit", False, True),
    ]
    assert batched_rows == reference_rows
    # Each answer carries the poll's counts right after its vote, as one by one.
    assert [outcome.tally for outcome in batched] == [outcome.tally for outcome in single]
    assert batched[-2].tally is not None
    assert batched[-2].tally.total == 9
    assert batched[-2].tally.votes == {"a": 8, "b": 1, "c": 2}


def test_votes_queued_at_once_are_answered_as_one_by_one(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    """Through the writer's queue: however it cuts the batches, the answers stay the same."""

    async def send_all(store: PostgresStore) -> list[WriteOutcome]:
        await store.write(before_the_batch)
        jobs = [ballot_job(cast.ballot, cast.address_cap) for cast in CASTS]
        return list(await asyncio.gather(*(store.write(job) for job in jobs)))

    reference, reference_rows = one_by_one_on_sqlite(tmp_path / "polls.sqlite3")
    with open_postgres_store(postgres_server.new_database()) as store:
        outcomes = asyncio.run(send_all(store))
        rows = stored(store.reader)
    assert [answered(outcome) for outcome in outcomes] == [
        answered(outcome) for outcome in reference
    ]
    assert rows == reference_rows
    assert ("p1", 9) in rows["totals"]


def test_a_votes_rate_limit_hit_is_recorded_by_its_statement_under_the_limiters_rule(
    postgres_server: PostgresServer,
) -> None:
    """Hits recorded with votes and hits of the limiter's own groups count together."""

    def cast_all(casts: list[Cast]) -> Callable[[Connection], Later[list[WriteOutcome]]]:
        def job(conn: Connection) -> Later[list[WriteOutcome]]:
            laters = cast_ballots_postgres(conn, casts)
            return Later(lambda: [later.read() for later in laters])

        return job

    with open_postgres_store(postgres_server.new_database()) as store:
        limiter = SharedRateLimiter(store.reader, 3, 60.0)
        assert limiter.hit("k") is None
        old = int(time.time() * 1000) - 3_600_000
        store.reader.execute("INSERT INTO rate_hits (key, at_ms) VALUES ('gone', ?)", (old,))
        casts = [Cast(vote(f"v{n}", None, f"s{n}"), 0, limiter.folded("k")) for n in range(4)]
        casts.append(Cast(vote("v9", None, "s9"), 0, limiter.folded("other")))
        casts.append(Cast(vote("v0", None, "s0"), 0, replace(limiter.folded("k"), sweep=True)))
        outcomes = asyncio.run(store.write(cast_all(casts)))
        logged = store.reader.execute(
            "SELECT key, count(*) FROM rate_hits GROUP BY key ORDER BY key"
        ).fetchall()
        ballots = store.reader.execute("SELECT voter_hash FROM ballots ORDER BY 1").fetchall()
        refused_after = limiter.hit("k")
    assert [(outcome.status, outcome.retry_after) for outcome in outcomes] == [
        ("counted", None),
        ("counted", None),
        ("rate_limited", 60),
        ("rate_limited", 60),
        ("counted", None),
        # A replay of v0's request, over the limit: refused before it is known as a replay.
        ("rate_limited", 60),
    ]
    assert logged == [("k", 3), ("other", 1)]  # refused hits not logged; "gone" swept
    assert ballots == [("v0",), ("v1",), ("v9",)]
    assert refused_after == 60


def test_the_vote_statement_fits_psycopgs_parse_cache() -> None:
    """psycopg keeps its parsing of a statement up to 4,096 bytes; a longer one is parsed anew
    (with regular expressions) for every batch."""
    assert len(postgres_sql(CAST_BALLOTS).encode()) <= 4096
    assert "--" not in CAST_BALLOTS and "  " not in CAST_BALLOTS
