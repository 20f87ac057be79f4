"""Two backend instances (uvicorn servers) on one PostgreSQL database, as behind a balancer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest

from faces_backend import Settings, create_app
from tests.backend.helpers import JSON, rows
from tests.postgres_server import PostgresServer
from tests.servers import free_port, serve_in_thread

READER = {**JSON, "X-Forwarded-For": "198.51.100.20"}


@pytest.fixture
def instances(
    settings: Settings, postgres_server: PostgresServer
) -> Iterator[tuple[Settings, list[str]]]:
    """Two servers of the same settings on one fresh database; their base URLs."""
    shared = replace(settings, database_url=postgres_server.new_database(), rate_limit=6)
    running = []
    try:
        for number in (1, 2):
            running.append(serve_in_thread(create_app(shared), free_port(), f"instance {number}"))
        yield shared, [f"http://127.0.0.1:{server.server.config.port}" for server in running]
    finally:
        for server in running:
            server.stop()


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
