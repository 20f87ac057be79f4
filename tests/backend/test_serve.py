"""The backend as a real uvicorn process on loopback: round trip, durability, concurrency."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.backend.helpers import ORIGIN, POLLS, write_manifest
from tests.servers import free_port, start_backend_process

REPO = Path(__file__).resolve().parents[2]
JSON = {"Origin": ORIGIN, "Accept": "application/json"}


class LiveServer:
    """`python -m faces_backend serve` in a subprocess, on a free port of 127.0.0.1."""

    def __init__(self, workdir: Path, *extra_args: str) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_args = extra_args
        self.process: subprocess.Popen[bytes] | None = None
        write_manifest(workdir / "polls.json", POLLS)

    @property
    def db_path(self) -> Path:
        return self.workdir / "polls.sqlite3"

    def start(self) -> None:
        env = dict(
            FACES_DB=str(self.db_path),
            FACES_MANIFEST=str(self.workdir / "polls.json"),
            FACES_ALLOWED_ORIGINS=ORIGIN,
            FACES_SECRET="live-test-secret-" + "x" * 32,
            FACES_TRUST_PROXY="1",
            FACES_RATE_LIMIT="100000",
        )
        self.process = start_backend_process(self.workdir, self.port, env, *self.extra_args)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path)
    live.start()
    yield live
    live.stop()


def vote(base: str, number: int, poll: str = "live", choice: str = "cafe") -> httpx.Response:
    """Post one vote of a distinct voter (own forwarded address, no cookie)."""
    headers = {**JSON, "X-Forwarded-For": f"2001:db8::{number:x}"}
    fields = {"poll": poll, "choice": choice, "_sid": f"live-{number:06d}"}
    return httpx.post(f"{base}/vote", data=fields, headers=headers, timeout=10)


def test_round_trip_over_http(server: LiveServer) -> None:
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
    live = LiveServer(tmp_path, "--root-path", "/api")
    live.start()
    try:
        answer = vote(live.url, 1)
        assert answer.status_code == 201
        assert "; Path=/api/;" in answer.headers["set-cookie"]
        openapi = httpx.get(f"{live.url}/openapi.json", timeout=10).json()
        assert openapi["servers"] == [{"url": "/api"}]
    finally:
        live.stop()


def test_two_hundred_parallel_voters_are_counted_exactly(server: LiveServer) -> None:
    choices = ["cafe" if n % 3 else "salatbar" for n in range(200)]
    with ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(
            pool.map(lambda n: vote(server.url, n, choice=choices[n]).status_code, range(200))
        )
    assert answers == [201] * 200
    results = httpx.get(f"{server.url}/polls/live/results", timeout=10).json()["results"]
    assert results == {
        "total": 200,
        "options": [
            {"id": "salatbar", "label": "Salatbar", "votes": choices.count("salatbar")},
            {"id": "cafe", "label": "Café", "votes": choices.count("cafe")},
        ],
        "closed": False,
    }


def test_sigkill_mid_burst_loses_no_answered_vote(server: LiveServer) -> None:
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
    server.kill()  # while the threads are still posting
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
