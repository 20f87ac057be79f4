"""Helpers for the poll backend tests: the test manifest, headers of voters, DB queries."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from faces_backend import Settings, create_app
from faces_backend.http.settings import ConfigError
from faces_backend.store import Connection
from faces_backend.store.postgres import connect_postgres
from faces_backend.store.schema import open_database
from tests.sites import ROOT, env_without_faces

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 for its TestClient; the project pins httpx for now.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

__all__ = ["TestClient"]

ClientFactory = Callable[..., TestClient]


@contextmanager
def app_clients(
    settings: Settings, features: dict[str, Any], **fixed: Any
) -> Iterator[ClientFactory]:
    """Start clients of apps as asked (make(base_url, comments={}, **changes)); close them all."""
    # A feature's settings (comments=, stories=) change by its name; `fixed` goes to create_app.
    clients: list[TestClient] = []

    def make(base_url: str = "https://testserver", **changes: Any) -> TestClient:
        chosen = {
            name: replace(value, **(changes.pop(name, None) or {}))
            for name, value in features.items()
        }
        client = TestClient(
            create_app(replace(settings, **changes), **chosen, **fixed), base_url=base_url
        )
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


ORIGIN = "https://blog.example.com"
SECRET = b"test-secret-" + b"x" * 32
JSON = {"Origin": ORIGIN, "Accept": "application/json"}
FORM = {"Origin": ORIGIN, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
NEXT = f"{ORIGIN}/posts/2026/kantine/"


def config_refusal(read: Callable[..., object], *args: Any, **kwargs: Any) -> str:
    """Return the one-line message of the ConfigError that reading these variables raises."""
    with pytest.raises(ConfigError) as refused:
        read(*args, **kwargs)
    return str(refused.value)


@dataclass(frozen=True)
class FeatureForm:
    """A feature's stamped form as its tests use it: where it posts, a good entry, its rows."""

    path: str
    good: dict[str, str]
    stored_query: str

    def fields(self, **changes: str) -> dict[str, str]:
        """Return the fields of a good entry, changed as told."""
        return {**self.good, **changes}

    def stamp(self, client: TestClient) -> str:
        """Fetch a fresh form stamp."""
        value: str = client.get(f"{self.path}/stamp").json()["stamp"]
        return value

    def stored(self, settings: Settings) -> list[tuple[Any, ...]]:
        """Return every stored row."""
        return rows(settings, self.stored_query)

    def post(self, client: TestClient, headers: dict[str, str] = JSON, **changes: str) -> Any:
        """Post a good entry with a fresh stamp, changed as told (a `stamp` change wins)."""
        fields = self.fields(**changes)
        fresh = self.stamp(client)
        return client.post(
            self.path, data={**fields, "stamp": fields.get("stamp", fresh)}, headers=headers
        )

    def refusal(
        self, client: TestClient, settings: Settings, status: int, **changes: str
    ) -> dict[str, Any]:
        """Post a good entry changed as told, check it is refused and nothing stored; its body."""
        answer = self.post(client, JSON, **changes)
        assert answer.status_code == status, (changes, answer.text)
        assert self.stored(settings) == [], changes
        body: dict[str, Any] = answer.json()
        return body


# The variables a backend cannot start without (Settings.from_env).
REQUIRED_ENVIRON = {
    "FACES_MANIFEST": "output/polls.json",
    "FACES_ALLOWED_ORIGINS": ORIGIN,
    "FACES_SECRET": "s" * 32,
}


def poll(poll_id: str, **fields: Any) -> dict[str, Any]:
    """Return a manifest entry for a poll, with two options unless told otherwise."""
    entry: dict[str, Any] = {
        "id": poll_id,
        "question": f"Frage {poll_id}?",
        "url": f"/posts/{poll_id}/#poll-{poll_id}",
        "options": [{"id": "salatbar", "label": "Salatbar"}, {"id": "cafe", "label": "Café"}],
        "multiple": False,
        "max": 1,
        "closes": "2099-01-31T23:59:59+01:00",
        "results": "live",
        "suggestions": False,
    }
    entry.update(fields)
    return entry


POLLS = [
    poll("kantine-2027", results="after_vote", suggestions=True),
    poll("live", results="live"),
    poll(
        "multi",
        multiple=True,
        max=2,
        options=[{"id": o, "label": o.title()} for o in ("a", "b", "c")],
    ),
    poll("closed", closes="2020-01-31T23:59:59+01:00", results="after_close"),
    poll("later", closes=None, results="after_close"),
]


def two_option_results(salatbar: int = 0, cafe: int = 0, closed: bool = False) -> dict[str, Any]:
    """The results a test poll with the two usual options answers (one option a ballot)."""
    return {
        "total": salatbar + cafe,
        "options": [
            {"id": "salatbar", "label": "Salatbar", "votes": salatbar},
            {"id": "cafe", "label": "Café", "votes": cafe},
        ],
        "closed": closed,
    }


def refusal(status: str, poll: str | None, message: str) -> dict[str, Any]:
    """The JSON body of a refused vote: its status word, the poll and the message, no results."""
    return {"status": status, "poll": poll, "message": message, "results": None}


def write_manifest(path: Path, polls: list[dict[str, Any]]) -> Path:
    """Write a manifest file with these polls."""
    data = {"version": 1, "generated": "2026-11-22T10:00:00+00:00", "polls": polls}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@contextlib.contextmanager
def connection(settings: Settings) -> Iterator[Connection]:
    """An autocommit connection to the store of these settings (SQLite file or PostgreSQL)."""
    conn: Connection
    if settings.database_url:
        conn = connect_postgres(settings.database_url)
    else:
        conn = sqlite3.connect(settings.db_path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def rows(database: Path | Settings, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Run a query on a SQLite file, or on the store of these settings, and return all rows."""
    if isinstance(database, Settings):
        with connection(database) as conn:
            return [tuple(row) for row in conn.execute(sql, params).fetchall()]
    conn = sqlite3.connect(database)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def voter(number: int) -> dict[str, str]:
    """Headers of a distinct voter (its own forwarded address), for JSON answers."""
    return {**JSON, "X-Forwarded-For": f"203.0.113.{number}"}


def vote(client: TestClient, headers: dict[str, str] = JSON, **fields: str) -> Any:
    """Post the usual vote (poll "live", choice "cafe") with these fields changed or added."""
    return client.post("/vote", data={"poll": "live", "choice": "cafe", **fields}, headers=headers)


def served_env(workdir: Path, database: str, **more: str) -> dict[str, str]:
    """FACES_* variables of a backend process serving POLLS from workdir (manifest written)."""
    write_manifest(workdir / "polls.json", POLLS)
    return {
        "FACES_DB": str(workdir / database),
        "FACES_MANIFEST": str(workdir / "polls.json"),
        "FACES_ALLOWED_ORIGINS": ORIGIN,
        "FACES_SECRET": "live-test-secret-" + "x" * 32,
        "FACES_TRUST_PROXY": "1",
        **more,
    }


def command_environ(folder: Path, **manifests: str) -> dict[str, str]:
    """FACES_* variables of a backend command: a fresh database (schema only) and the manifests."""
    open_database(folder / "db.sqlite3").close()
    return {"FACES_DB": str(folder / "db.sqlite3"), **manifests}


def run_backend(
    args: list[str], environ: dict[str, str], timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m faces_backend ARGS` in the repository with these FACES_* variables only."""
    return subprocess.run(
        [sys.executable, "-m", "faces_backend", *args],
        cwd=ROOT,
        env=env_without_faces(**environ),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
