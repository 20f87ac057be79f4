"""The rate limit shared through PostgreSQL: a sliding window over two fixed ones."""

from __future__ import annotations

import contextlib

from faces_backend.http.shared_ratelimit import SharedRateLimiter
from faces_backend.store.postgres import connect_postgres
from tests.postgres_server import PostgresServer


def test_a_burst_across_the_turn_of_a_window_is_not_let_through_twice(
    postgres_server: PostgresServer,
) -> None:
    now = [6000.0 + 59.0]  # one second before a window turns
    with contextlib.closing(connect_postgres(postgres_server.new_database())) as conn:
        limiter = SharedRateLimiter(conn, 3, 60.0, clock=lambda: now[0])
        assert [limiter.hit("k") for _ in range(3)] == [None, None, None]
        assert limiter.hit("k") == 1  # over the limit: the window turns in one second
        now[0] += 2.0  # a new fixed window; the earlier one still weighs 59/60 of its 4 hits
        assert limiter.hit("k") == 59  # until this window turns
        assert limiter.hit("other") is None  # keys are counted apart
        now[0] += 60.0  # the burst's window is now wholly outside the last 60 seconds
        assert limiter.hit("k") is None
