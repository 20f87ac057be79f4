"""Two backend instances (uvicorn servers) on one PostgreSQL database, as behind a balancer."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import pytest

from faces_backend import Settings, create_app
from tests.backend.helpers import JSON, rows
from tests.postgres_server import PostgresServer
from tests.servers import free_port, serve_in_thread

READER = {**JSON, "X-Forwarded-For": "198.51.100.20"}


@contextlib.contextmanager
def two_instances(shared: Settings) -> Iterator[list[str]]:
    """Run two servers of the same settings; their base URLs."""
    running = []
    try:
        for number in (1, 2):
            running.append(serve_in_thread(create_app(shared), free_port(), f"instance {number}"))
        yield [f"http://127.0.0.1:{server.server.config.port}" for server in running]
    finally:
        for server in running:
            server.stop()


@pytest.fixture
def instances(
    settings: Settings, postgres_server: PostgresServer
) -> Iterator[tuple[Settings, list[str]]]:
    """Two servers of the same settings on one fresh database; their base URLs."""
    shared = replace(settings, database_url=postgres_server.new_database(), rate_limit=6)
    with two_instances(shared) as bases:
        yield shared, bases


def test_a_reader_cannot_vote_twice_through_two_instances(
    instances: tuple[Settings, list[str]],
) -> None:
    shared, (first, second) = instances
    with httpx.Client() as reader:
        vote = {"poll": "live", "choice": "cafe"}
        counted = reader.post(f"{first}/vote", data=vote, headers=READER)
        assert counted.json()["status"] == "counted"
        assert "faces_voter" in reader.cookies
        again = reader.post(f"{second}/vote", data={**vote, "choice": "salatbar"}, headers=READER)
        assert again.status_code == 409
        assert again.json()["status"] == "already_voted"
    assert rows(shared, "SELECT option, votes FROM tallies WHERE poll = 'live'") == [("cafe", 1)]


def test_the_rate_limit_is_shared_not_doubled(instances: tuple[Settings, list[str]]) -> None:
    shared, (first, second) = instances
    statuses = []
    with httpx.Client() as client:
        for number in range(12):
            target = (first, second)[number % 2]
            # Every post a new voter (no cookie) from the one address: only the limit stops them.
            answer = client.post(
                f"{target}/vote", data={"poll": "live", "choice": "cafe"}, headers=READER
            )
            client.cookies.clear()
            statuses.append(answer.status_code)
            if answer.status_code == 429:
                assert 1 <= int(answer.headers["retry-after"]) <= 60
    assert statuses.count(429) == 12 - shared.rate_limit
    assert 429 not in statuses[: shared.rate_limit]


def test_the_cap_per_address_holds_when_both_instances_are_hit_at_once(
    settings: Settings, postgres_server: PostgresServer
) -> None:
    cap, readers = 3, 32
    shared = replace(settings, database_url=postgres_server.new_database(), ip_limit=cap)
    start = threading.Barrier(readers)
    with two_instances(shared) as bases:
        for number, base in enumerate(bases):  # both writers connected, the day's salt made
            other = {**JSON, "X-Forwarded-For": f"198.51.100.{30 + number}"}
            assert httpx.post(
                f"{base}/vote", data={"poll": "live", "choice": "cafe"}, headers=other
            )

        def new_reader(number: int) -> int:
            with httpx.Client(timeout=20) as reader:  # a browser of its own: a new voter
                start.wait(timeout=30)
                vote = {"poll": "live", "choice": "cafe"}
                answer = reader.post(f"{bases[number % 2]}/vote", data=vote, headers=READER)
                return answer.status_code

        with ThreadPoolExecutor(readers) as pool:
            statuses = list(pool.map(new_reader, range(readers)))
    assert sorted(statuses) == [201] * cap + [429] * (readers - cap)
    assert rows(shared, "SELECT ballots FROM totals") == [(cap + 2,)]
