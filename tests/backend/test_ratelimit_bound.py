"""The rate limiter forgets idle clients, so a flood of addresses cannot grow its memory."""

from __future__ import annotations

from faces_backend.http.ratelimit import RateLimiter
from faces_backend.http.sweeps import SWEEP_EVERY
from tests.clock import Clock


def test_a_flood_of_distinct_addresses_stays_bounded() -> None:
    clock = Clock()
    limiter = RateLimiter(5, 60.0, clock=clock)
    largest = 0
    # 20 windows' worth of fresh addresses, one per 60 ms: 1,000 per window.
    for number in range(20 * SWEEP_EVERY):
        clock.now += 0.06
        assert limiter.hit(f"203.0.{number // 256 % 256}.{number % 256}-{number}") is None
        largest = max(largest, len(limiter._hits))
    assert largest <= 2 * SWEEP_EVERY


def test_a_sweep_comes_every_thousand_hits_and_forgets_exactly_the_idle() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 60.0, clock=clock)
    limiter.hit("recent")  # hit 1
    for number in range(SWEEP_EVERY - 3):
        limiter.hit(f"old-{number}")
    clock.now += 30
    limiter.hit("recent")  # hit 999: its newest hit counts, not its first
    clock.now += 30  # the old ones' only hit is now exactly one window ago: idle
    assert len(limiter._hits) == 1 + SWEEP_EVERY - 3
    limiter.hit("sweeper")  # hit 1000: sweeps
    assert sorted(limiter._hits) == ["recent", "sweeper"]
    assert list(limiter._hits["recent"]) == [1000.0, 1030.0]

    # The count starts again: 999 more hits do not sweep, the 1000th does.
    clock.now += 60
    for number in range(SWEEP_EVERY - 1):
        limiter.hit(f"next-{number}")
    assert len(limiter._hits) == 2 + SWEEP_EVERY - 1
    clock.now += 60
    limiter.hit("second-sweeper")
    assert sorted(limiter._hits) == ["second-sweeper"]


def test_a_client_within_its_window_survives_a_sweep_and_stays_limited() -> None:
    clock = Clock()
    limiter = RateLimiter(2, 60.0, clock=clock)
    assert limiter.hit("busy") is None
    assert limiter.hit("busy") is None
    for number in range(SWEEP_EVERY - 3):
        limiter.hit(f"other-{number}")
    clock.now += 59
    assert limiter.hit("busy") == 1  # hit 1000 sweeps first; nobody is idle yet
    assert len(limiter._hits) == 1 + SWEEP_EVERY - 3
