"""Faults under load with PostgreSQL: an instance killed, the database server restarted.

Real `python -m faces_backend serve` processes on 127.0.0.1, bounded numbers of votes from
distinct new voters (each its own `_sid`); afterwards every vote answered 201 must be stored.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from subprocess import Popen

import httpx

from faces_backend.store.postgres import connect_postgres
from tests.backend.helpers import JSON, ORIGIN, POLLS, SECRET, write_manifest
from tests.postgres_server import PostgresServer
from tests.servers import free_port, start_backend_process

VOTES = 160
WORKERS = 8


def stored_sids(url: str) -> set[str]:
    """Return the `_sid` of every stored ballot."""
    with contextlib.closing(connect_postgres(url)) as conn:
        return {row[0] for row in conn.execute("SELECT sid FROM ballots").fetchall()}


@contextlib.contextmanager
def backends(tmp_path: Path, url: str, count: int) -> Iterator[list[tuple[str, Popen[bytes]]]]:
    """Start `count` backend processes on one database; their base URLs and processes."""
    env = {
        "FACES_MANIFEST": str(write_manifest(tmp_path / "polls.json", POLLS)),
        "FACES_ALLOWED_ORIGINS": ORIGIN,
        "FACES_SECRET": SECRET.decode(),
        "FACES_TRUST_PROXY": "1",
        "FACES_RATE_LIMIT": "100000",
        "FACES_DATABASE_URL": url,
    }
    running: list[tuple[str, Popen[bytes]]] = []
    try:
        for _ in range(count):
            port = free_port()
            process = start_backend_process(tmp_path, port, env)
            running.append((f"http://127.0.0.1:{port}", process))
        yield running
    finally:
        for _, process in running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=20)


def drive(
    bases: list[str], on_answer: Callable[[int], None], prefix: str = "sid", votes: int = VOTES
) -> dict[str, tuple[int | str, str | None]]:
    """Send votes round-robin over `bases`; return each _sid's status and Retry-After."""
    answers: dict[str, tuple[int | str, str | None]] = {}
    clients = threading.local()

    def one(index: int) -> None:
        sid = f"{prefix}-{index:06d}"
        headers = {**JSON, "X-Forwarded-For": f"198.51.100.{index % 250}"}
        vote = {"poll": "live", "choice": "cafe", "_sid": sid}
        if not hasattr(clients, "client"):
            clients.client = httpx.Client(timeout=20)  # keep-alive, no cookies kept between votes
        try:
            clients.client.cookies.clear()
            answer = clients.client.post(
                f"{bases[index % len(bases)]}/vote", data=vote, headers=headers
            )
            answers[sid] = (answer.status_code, answer.headers.get("retry-after"))
        except httpx.TransportError as error:
            answers[sid] = (type(error).__name__, None)  # never answered: not acknowledged
        on_answer(len(answers))

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(one, range(votes)))
    return answers


def counted(answers: dict[str, tuple[int | str, str | None]]) -> set[str]:
    """Return the `_sid`s answered 201 (acknowledged as counted)."""
    return {sid for sid, (status, _) in answers.items() if status == 201}


def test_sigkill_of_one_instance_loses_no_acknowledged_vote(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = postgres_server.new_database()
    with backends(tmp_path, url, 2) as running:
        (first, victim), (second, survivor) = running
        killed = threading.Event()

        def kill_at_a_third(answered: int) -> None:
            if answered >= VOTES // 3 and not killed.is_set():
                killed.set()
                victim.send_signal(signal.SIGKILL)

        answers = drive([first, second], kill_at_a_third)
        assert killed.is_set() and victim.wait(timeout=10) == -signal.SIGKILL
        assert counted(answers) <= stored_sids(url)
        # Every vote sent to the survivor was answered and counted.
        assert {answers[f"sid-{i:06d}"][0] for i in range(1, VOTES, 2)} == {201}
        assert survivor.poll() is None
        # The victim had about VOTES // 6 answered when it died; the batch in flight may be lost.
        assert len(counted(answers)) >= VOTES // 2 + VOTES // 10


def test_a_database_restart_is_503_with_retry_after_then_full_service(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = postgres_server.new_database()
    with backends(tmp_path, url, 1) as [(base, process)]:
        away = threading.Event()
        a_quarter = threading.Event()
        answered_while_away = threading.Semaphore(0)

        def note(answered: int) -> None:
            if answered >= VOTES // 4:
                a_quarter.set()
                # Hold the load until the server is down: on a fast machine the rest of the
                # votes were all answered while PostgreSQL was still shutting down.
                away.wait(timeout=60)
            if away.is_set():
                answered_while_away.release()

        load = ThreadPoolExecutor(1).submit(drive, [base], note)
        try:
            # Stop the server in the middle of the load; restart once 40 answers came meanwhile.
            assert a_quarter.wait(timeout=60)
            postgres_server.stop()
            away.set()
            for _ in range(40):
                assert answered_while_away.acquire(timeout=30)
            with httpx.Client() as client:
                health = client.get(f"{base}/health", timeout=20)
            assert (health.status_code, health.headers.get("retry-after")) == (503, "5")
        finally:
            postgres_server.start()
        answers = load.result(timeout=120)
        odd = {sid: answer for sid, answer in answers.items() if answer[0] not in (201, 503)}
        assert odd == {}
        assert {answer for answer in answers.values() if answer[0] == 503} == {(503, "5")}
        assert counted(answers) <= stored_sids(url)
        assert process.poll() is None
        # Full service once the instance says it is healthy again (it asks the server anew).
        deadline = time.monotonic() + 30
        while httpx.get(f"{base}/health", timeout=20).status_code != 200:
            assert time.monotonic() < deadline, "no full service 30 s after the restart"
            time.sleep(0.2)
        after = drive([base], lambda answered: None, prefix="after", votes=24)
        assert {status for status, _ in after.values()} == {201}
        assert counted(after) <= stored_sids(url)
