"""The rate limit shared through PostgreSQL: the sliding log of the in-memory one, in a table."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

from faces_backend.http.shared_ratelimit import SharedRateLimiter
from faces_backend.store.postgres import connect_postgres
from tests.postgres_server import PostgresServer


def test_hits_are_allowed_while_fewer_than_the_limit_lie_within_the_window(
    postgres_server: PostgresServer,
) -> None:
    now = [1_000_000.0]
    with contextlib.closing(connect_postgres(postgres_server.new_database())) as conn:
        limiter = SharedRateLimiter(conn, 3, 60.0, clock=lambda: now[0])
        assert limiter.hit("k") is None
        now[0] += 20.0
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
