"""The view counter in a real `python -m faces_backend serve`: HTTP, shutdown and SIGKILL."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.backend.helpers import served_env
from tests.reach.helpers import PAGES, reader, stored_views, write_pages
from tests.servers import BackendProcess

REPO = Path(__file__).resolve().parents[2]


def view_server(workdir: Path) -> BackendProcess:
    """The backend with a reach manifest, view rate limit out of the way, not yet started."""
    write_pages(workdir / "reach.json", PAGES)
    env = served_env(
        workdir,
        "faces.sqlite3",
        FACES_VIEWS_MANIFEST=str(workdir / "reach.json"),
        FACES_VIEWS_RATE_LIMIT="100000",
    )
    return BackendProcess(workdir, env)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[BackendProcess]:
    with view_server(tmp_path) as running:
        yield running


def test_views_over_real_http_and_a_clean_shutdown_keeps_them(server: BackendProcess) -> None:
    with httpx.Client(base_url=server.url) as client:
        counted = client.post("/views", params={"p": "/2026/kantine/"}, headers=reader(1))
        pixel = client.get("/views.gif", params={"p": "/2026/kantine/"}, headers=reader(2))
        repeat = client.post("/views", params={"p": "/2026/kantine/"}, headers=reader(1))
        gpc = client.post("/views?p=/ueber-uns/", headers={**reader(3), "Sec-GPC": "1"})
        unknown = client.post("/views?p=/nope/", headers=reader(4))
        long_query = client.post("/views?p=/" + "a" * 3000, headers=reader(5))
        large = client.post("/views?p=/ueber-uns/", headers=reader(6), content=b"x" * 4096)
        garbage = client.post("/views?p=%zz", headers=reader(7))
    assert [a.headers["reach-status"] for a in (counted, pixel, repeat, gpc)] == [
        "counted",
        "counted",
        "repeat",
        "global_privacy_control",
    ]
    assert pixel.headers["content-type"] == "image/gif"
    statuses = [a.status_code for a in (unknown, long_query, large, garbage)]
    assert statuses == [404, 414, 413, 400]
    server.signal(signal.SIGTERM)  # the shutdown flushes what is still in memory
    [(path, _day, views)] = stored_views(server.db_path)
    assert (path, views) == ("/2026/kantine/", 2)


WAIT_SECONDS = 60  # bound on each wait for a condition; reached only if something is broken


def stored_total(db_path: Path) -> int:
    """All views in the database file right now (read beside the running server)."""
    return sum(views for _, _, views in stored_views(db_path))


def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Return once `condition()` holds; fail naming `what` after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"waited {WAIT_SECONDS} s for {what}"
        time.sleep(0.02)  # poll interval only; the outcome never depends on it


def test_sigkill_keeps_every_flushed_view_and_never_corrupts(server: BackendProcess) -> None:
    answered = [0]
    lock = threading.Lock()
    stop = threading.Event()

    def read_pages(offset: int) -> None:
        number = 0
        with httpx.Client(base_url=server.url, timeout=5) as client:
            while not stop.is_set():
                number += 1
                headers = {**reader(1), "X-Forwarded-For": f"2001:db8:{offset:x}::{number:x}"}
                try:
                    answer = client.post(f"/views?p={PAGES[number % len(PAGES)]}", headers=headers)
                except httpx.HTTPError:
                    return
                if answer.headers.get("reach-status") == "counted":
                    with lock:
                        answered[0] += 1

    readers = [threading.Thread(target=read_pages, args=(n,)) for n in range(4)]
    for thread in readers:
        thread.start()
    # Killed while readers post and after the counter has flushed at least twice under load:
    # whatever was on disk before the kill must still be there after it.
    wait_until(lambda: stored_total(server.db_path) > 0, "a first flush")
    first_flush = stored_total(server.db_path)
    wait_until(lambda: stored_total(server.db_path) > first_flush, "a second flush")
    seen_before_kill = stored_total(server.db_path)
    server.signal(signal.SIGKILL)
    stop.set()
    for thread in readers:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in readers)

    stored = stored_total(server.db_path)
    assert seen_before_kill <= stored <= answered[0]
    conn = sqlite3.connect(server.db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    server.start()  # the database opens again as it is
    with httpx.Client(base_url=server.url) as client:
        assert client.post("/views?p=/", headers=reader(9)).headers["reach-status"] == "counted"
