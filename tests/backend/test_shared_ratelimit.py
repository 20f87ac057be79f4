"""The rate limit shared through PostgreSQL: the sliding log of the in-memory one, in a table."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from faces_backend.http.shared_ratelimit import SharedRateLimiter
from faces_backend.store.postgres import PostgresConnection, Rows, connect_postgres
from tests.postgres_server import PostgresServer


@pytest.fixture
def conn(postgres_server: PostgresServer) -> Iterator[PostgresConnection]:
    """A connection to a fresh database of its own, closed after the test."""
    with contextlib.closing(connect_postgres(postgres_server.new_database())) as connection:
        yield connection


def limiter_after_one_hit(conn: PostgresConnection) -> tuple[SharedRateLimiter, list[float]]:
    """A limit of 3 hits a minute on a clock the test moves; key 'k' was hit once, 20 s ago."""
    now = [1_000_000.0]
    limiter = SharedRateLimiter(conn, 3, 60.0, clock=lambda: now[0])
    assert limiter.hit("k") is None
    now[0] += 20.0
    return limiter, now


def test_hits_are_allowed_while_fewer_than_the_limit_lie_within_the_window(
    conn: PostgresConnection,
) -> None:
    limiter, now = limiter_after_one_hit(conn)
    assert [limiter.hit("k"), limiter.hit("k")] == [None, None]
    assert limiter.hit("k") == 40  # the first hit leaves the window in 40 s
    assert limiter.hit("other") is None  # keys are counted apart
    now[0] += 39.5
    assert limiter.hit("k") == 1  # refused hits are not logged: still the first one
    now[0] += 0.6
    assert limiter.hit("k") is None  # the first hit has left the window
    assert limiter.hit("k") == 20
    rows = conn.execute("SELECT count(*) FROM rate_hits WHERE key = 'k'").fetchone()
    assert rows == (4,)


def test_hits_at_the_same_moment_from_several_instances_never_pass_the_limit(
    postgres_server: PostgresServer,
) -> None:
    """Each thread is an instance with its own connection; all hit one key at once, per round."""
    url = postgres_server.new_database()
    instances, limit, rounds = 8, 3, 8
    connections = [connect_postgres(url) for _ in range(instances)]
    start = threading.Barrier(instances)
    allowed: list[int] = [0] * rounds

    def instance(number: int) -> None:
        limiter = SharedRateLimiter(connections[number], limit, 60.0)
        for round_number in range(rounds):
            start.wait(timeout=30)
            if limiter.hit(f"key-{round_number}") is None:
                with lock:
                    allowed[round_number] += 1

    lock = threading.Lock()
    try:
        with ThreadPoolExecutor(instances) as pool:
            list(pool.map(instance, range(instances)))
    finally:
        for conn in connections:
            conn.close()
    # Without the lock per key every instance counted the same snapshot: up to 8 per round.
    assert allowed == [limit] * rounds


class CountedRoundTrips:
    """A real connection that counts the locked statements (round trips) it runs."""

    def __init__(self, conn: PostgresConnection) -> None:
        self.conn = conn
        self.round_trips = 0

    def execute(self, sql: str, parameters: Sequence[Any] | None = None, /) -> Rows:
        """Run one statement."""
        return self.conn.execute(sql, parameters)

    def execute_locked(
        self, lock_class: int, keys: Sequence[str], sql: str, parameters: Sequence[Any]
    ) -> Rows:
        """Run one statement under the keys' locks, counting the round trip."""
        self.round_trips += 1
        return self.conn.execute_locked(lock_class, keys, sql, parameters)


def test_hits_decided_together_are_answered_as_one_after_the_other(
    conn: PostgresConnection,
) -> None:
    limiter, _ = limiter_after_one_hit(conn)
    # k has one hit logged 20 s ago: two more pass, then wait until that one leaves.
    assert limiter.hit_all(["k", "new", "k", "k", "new", "k"]) == [None, None, None, 40, None, 40]
    # "new" had none logged before: its third and fourth wait a whole window for its first.
    assert limiter.hit_all(["new", "new", "other"]) == [None, 60, None]
    assert limiter.hit_all([]) == []
    logged = conn.execute(
        "SELECT key, count(*) FROM rate_hits GROUP BY key ORDER BY key"
    ).fetchall()
    assert logged == [("k", 3), ("new", 3), ("other", 1)]


def test_hits_arriving_together_share_one_round_trip(conn: PostgresConnection) -> None:
    async def arrive_together(limiter: SharedRateLimiter) -> list[int | None]:
        return list(await asyncio.gather(*(limiter.check("k") for _ in range(20))))

    counted = CountedRoundTrips(conn)
    limiter = SharedRateLimiter(counted, 5, 60.0)
    waits = asyncio.run(arrive_together(limiter))
    assert waits[:5] == [None] * 5
    assert all(wait is not None and 1 <= wait <= 60 for wait in waits[5:])
    assert counted.round_trips == 1
    # One after the other, each its own round trip; the limit holds across them.
    assert asyncio.run(limiter.check("k")) is not None
    assert asyncio.run(limiter.check("other")) is None
    assert counted.round_trips == 3


def test_groups_of_hits_from_two_instances_never_pass_the_limit(
    postgres_server: PostgresServer,
) -> None:
    """Each instance sends its keys in another order; the locks are taken in one order."""
    url = postgres_server.new_database()
    keys = [f"key-{number}" for number in range(6)]
    limit = 2

    def instance(order: list[str]) -> list[int | None]:
        with contextlib.closing(connect_postgres(url)) as conn:
            limiter = SharedRateLimiter(conn, limit, 60.0)

            async def burst() -> list[int | None]:
                return list(await asyncio.gather(*(limiter.check(key) for key in order * 3)))

            return asyncio.run(burst())

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(instance, [keys, keys[::-1]]))
    allowed = sum(wait is None for waits in answers for wait in waits)
    assert allowed == limit * len(keys)
