"""The view-count window shared by two instances on one PostgreSQL database."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import httpx

from faces_backend import Settings
from tests.backend.helpers import rows
from tests.backend.test_two_instances import two_instances
from tests.postgres_server import PostgresServer
from tests.reach.helpers import PAGES, reader, write_pages


def views_on_two_instances(
    settings: Settings, tmp_path: Path, url: str, **changes: int
) -> Settings:
    """The test settings counting views of PAGES on the database `url`."""
    pages = str(write_pages(tmp_path / "reach.json", PAGES))
    return replace(settings, database_url=url, views_manifest=pages, **changes)


def test_a_reload_on_the_other_instance_is_a_repeat(
    settings: Settings, tmp_path: Path, postgres_server: PostgresServer
) -> None:
    shared = views_on_two_instances(settings, tmp_path, postgres_server.new_database())
    with two_instances(shared) as (first, second), httpx.Client() as client:
        statuses = [
            client.post(f"{base}/views?p=/2026/kantine/", headers=reader(7)).headers["reach-status"]
            for base in (first, second, first, second)
        ]
        other = client.post(f"{second}/views?p=/2026/kantine/", headers=reader(8))
    assert statuses == ["counted", "repeat", "repeat", "repeat"]
    assert other.headers["reach-status"] == "counted"
    # Both instances flushed their counts when they stopped: two readers, two views.
    assert rows(shared, "SELECT path, views FROM page_views") == [("/2026/kantine/", 2)]


def test_the_budget_per_minute_is_shared_and_a_first_view_counts_once(
    settings: Settings, tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = postgres_server.new_database()
    shared = views_on_two_instances(settings, tmp_path, url, views_rate_limit=3)
    while time.time() % 60 > 50:  # budgets are per clock minute: do not start across one
        time.sleep(0.2)
    at_once = 8
    start = threading.Barrier(at_once)
    with two_instances(shared) as bases, httpx.Client() as client:

        def view(number: int) -> str:
            start.wait(timeout=30)
            answer = client.post(f"{bases[number % 2]}/views?p=/", headers=reader(5))
            return answer.headers["reach-status"]

        with ThreadPoolExecutor(at_once) as pool:
            first_views = list(pool.map(view, range(at_once)))
        walk = [
            client.post(f"{bases[number % 2]}/views?p={page}", headers=reader(5))
            for number, page in enumerate(PAGES[1:4])
        ]
    assert sorted(first_views) == ["counted"] + ["repeat"] * (at_once - 1)
    assert [answer.status_code for answer in walk] == [204, 204, 429]
    assert 1 <= int(walk[2].headers["retry-after"]) <= 60
