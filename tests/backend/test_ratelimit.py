"""The sliding-window rate limit."""

from __future__ import annotations

from faces_backend.http.ratelimit import RateLimiter
from tests.clock import Clock


def test_sliding_window_and_retry_after() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 60.0, clock=clock)
    start = clock.now
    for offset in (0, 10, 20):
        clock.now = start + offset
        assert limiter.hit("a") is None
    clock.now = start + 30
    assert limiter.hit("a") == 30
    assert limiter.hit("b") is None
    clock.now = start + 59.2
    assert limiter.hit("a") == 1
    clock.now = start + 60
    assert limiter.hit("a") is None  # the hit at 0 left the window
    clock.now = start + 61
    assert limiter.hit("a") == 9  # the hit at 10 leaves it at 70


def test_refused_hits_do_not_extend_the_window() -> None:
    clock = Clock()
    limiter = RateLimiter(1, 10.0, clock=clock)
    assert limiter.hit("a") is None
    for _ in range(5):
        clock.now += 1
        limiter.hit("a")
    clock.now += 5
    assert limiter.hit("a") is None


def test_idle_clients_are_forgotten() -> None:
    clock = Clock()
    limiter = RateLimiter(5, 60.0, clock=clock)
    for number in range(999):
        limiter.hit(f"client-{number}")
    clock.now += 61
    limiter.hit("late")
    assert len(limiter._hits) == 1
