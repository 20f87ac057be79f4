"""The backend as a real uvicorn process on loopback: round trip, durability, concurrency."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.backend.helpers import ORIGIN, served_env, two_option_results
from tests.servers import BackendProcess

REPO = Path(__file__).resolve().parents[2]
JSON = {"Origin": ORIGIN, "Accept": "application/json"}


def live_server(workdir: Path, *args: str) -> BackendProcess:
    """The vote backend on the test polls, rate limit out of the way, not yet started."""
    env = served_env(workdir, "polls.sqlite3", FACES_RATE_LIMIT="100000")
    return BackendProcess(workdir, env, *args)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[BackendProcess]:
    with live_server(tmp_path) as live:
        yield live


def vote(base: str, number: int, poll: str = "live", choice: str = "cafe") -> httpx.Response:
    """Post one vote of a distinct voter (own forwarded address, no cookie)."""
    headers = {**JSON, "X-Forwarded-For": f"2001:db8::{number:x}"}
    fields = {"poll": poll, "choice": choice, "_sid": f"live-{number:06d}"}
    return httpx.post(f"{base}/vote", data=fields, headers=headers, timeout=10)


def test_round_trip_over_http(server: BackendProcess) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        first = client.post("/vote", data={"poll": "kantine-2027", "choice": "cafe"}, headers=JSON)
        assert first.status_code == 201
        assert first.json()["status"] == "counted"
        assert "HttpOnly" in first.headers["set-cookie"]
        assert "server" not in first.headers
        again = client.post(
            "/vote",
            data={"poll": "kantine-2027", "choice": "salatbar", "_next": f"{ORIGIN}/p/"},
            headers={"Origin": ORIGIN},
        )
        assert again.status_code == 409
        assert "bereits abgestimmt" in again.text
        assert f'href="{ORIGIN}/p/"' in again.text
        results = client.get("/polls/kantine-2027/results").json()
        assert results["results"]["total"] == 1
        assert client.get("/health").json() == {"status": "ok", "polls": 5, "database": "ok"}
    log = (server.workdir / "server.log").read_text()
    assert "127.0.0.1" not in log.replace(f"http://127.0.0.1:{server.port}", "")


def test_served_under_a_root_path(tmp_path: Path) -> None:
    with live_server(tmp_path, "--root-path", "/api") as live:
        answer = vote(live.url, 1)
        assert answer.status_code == 201
        assert "; Path=/api/;" in answer.headers["set-cookie"]
        openapi = httpx.get(f"{live.url}/openapi.json", timeout=10).json()
        assert openapi["servers"] == [{"url": "/api"}]


def test_two_hundred_parallel_voters_are_counted_exactly(server: BackendProcess) -> None:
    choices = ["cafe" if n % 3 else "salatbar" for n in range(200)]
    with ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(
            pool.map(lambda n: vote(server.url, n, choice=choices[n]).status_code, range(200))
        )
    assert answers == [201] * 200
    results = httpx.get(f"{server.url}/polls/live/results", timeout=10).json()["results"]
    assert results["total"] == 200
    assert results == two_option_results(choices.count("salatbar"), choices.count("cafe"))


def test_sigkill_mid_burst_loses_no_answered_vote(server: BackendProcess) -> None:
    counted: list[str] = []
    lock = threading.Lock()
    next_number = iter(range(5000))
    stop = threading.Event()

    def voter() -> None:
        while not stop.is_set():
            with lock:
                number = next(next_number, None)
            if number is None:
                return
            try:
                answer = vote(server.url, number)
            except httpx.HTTPError:
                return
            if answer.status_code == 201:
                with lock:
                    counted.append(f"live-{number:06d}")

    threads = [threading.Thread(target=voter) for _ in range(16)]
    for thread in threads:
        thread.start()
    # 300 answered votes, or as many as a busy machine answers in 60 s: what is tested is that
    # none of them is lost, not how fast they come.
    deadline = time.monotonic() + 60
    while len(counted) < 300 and time.monotonic() < deadline:
        time.sleep(0.01)
    server.signal(signal.SIGKILL)  # while the threads are still posting
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(counted) >= 50, f"only {len(counted)} votes answered before the kill"
    server.start()  # recovers the WAL like any restart after a crash
    conn = sqlite3.connect(server.db_path)
    stored = {row[0] for row in conn.execute("SELECT sid FROM ballots")}
    conn.close()
    assert set(counted) - stored == set()
    results = httpx.get(f"{server.url}/polls/live/results", timeout=10).json()["results"]
    assert results["total"] == len(stored) >= len(counted)
