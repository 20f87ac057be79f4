"""Helpers for the pull tests: a backend database filled through the app, runs of the commands."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faces_backend import Settings, create_app
from faces_backend.store.schema import open_database
from faces_backend.views.counts import PageDay, add_views
from tests import sites
from tests.backend.helpers import ORIGIN, POLLS, SECRET, TestClient, voter, write_manifest
from tests.sites import env_without_faces

REPO = Path(__file__).resolve().parents[2]
LOCK_WAIT_SECONDS = 60


@dataclass(frozen=True)
class Backend:
    """A backend's database and manifest on disk, and the variables that point at them."""

    db: Path
    manifest: Path

    @property
    def environ(self) -> dict[str, str]:
        """FACES_DB and FACES_MANIFEST of this backend."""
        return {"FACES_DB": str(self.db), "FACES_MANIFEST": str(self.manifest)}


def make_backend(folder: Path, polls: list[dict[str, Any]] = POLLS) -> Backend:
    """Create an empty backend database (migrated by the backend itself) and its manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    open_database(folder / "polls.sqlite3").close()
    return Backend(folder / "polls.sqlite3", write_manifest(folder / "polls.json", polls))


@contextmanager
def running_app(backend: Backend) -> Iterator[TestClient]:
    """The backend app on this database, in-process, with its writer thread."""
    settings = Settings(
        manifest=str(backend.manifest),
        db_path=backend.db,
        allowed_origins=(ORIGIN,),
        secret=SECRET,
        trust_proxy=1,
        rate_limit=100_000,
    )
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield client


def vote(backend: Backend, poll: str, *ballots: tuple[str, ...]) -> None:
    """Cast each ballot through the app as a different voter; each must be counted."""
    with running_app(backend) as client:
        for number, choices in enumerate(ballots, start=1):
            client.cookies.clear()
            fields = {"poll": poll, "choice": list(choices)}
            response = client.post("/vote", data=fields, headers=voter(number % 250 + 1))
            assert response.json()["status"] == "counted", response.text


def suggest(backend: Backend, poll: str, *texts: str) -> None:
    """Queue suggestions through the app, each from a different reader."""
    with running_app(backend) as client:
        for number, text in enumerate(texts, start=1):
            client.cookies.clear()
            response = client.post(
                "/vote", data={"poll": poll, "suggestion": text}, headers=voter(number)
            )
            assert response.json()["status"] == "suggestion_queued", response.text


def count_views(backend: Backend, counts: dict[tuple[str, str], int]) -> None:
    """Add page views through the writer's own job function."""
    conn = open_database(backend.db)
    try:
        add_views(conn, {PageDay(path, day): n for (path, day), n in counts.items()})
    finally:
        conn.close()


def write_file(path: Path, data: Any) -> bytes:
    """Write a repository data file as committed; return its bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path.read_bytes()


def run_invoke(
    *args: str, environ: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `invoke ARGS` in the repository, as an editor would (no FACES_* but these)."""
    return sites.run_invoke(*args, env=env_without_faces(**(environ or {})))


def wait_until_blocked_on(process: subprocess.Popen[str], lock: Path) -> None:
    """Return once `process` waits for the flock of `lock`; fail if it ends or never waits."""
    inode = os.stat(lock).st_ino
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the pull ended without waiting for {lock}")
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if "->" in fields and str(process.pid) in fields and fields[-3].endswith(f":{inode}"):
                return
        time.sleep(0.01)  # polling /proc/locks: the kernel offers no event for a lock waiter
    raise AssertionError(f"the pull never waited for the lock {lock}")
