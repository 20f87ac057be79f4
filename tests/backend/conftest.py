"""Fixtures for the poll backend: a manifest on disk, settings, in-process clients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from faces_backend import Settings

# The comment and notification fixtures, for every test module here
# (a conftest's names are fixtures in its folder).
from tests.backend.comments_support import (  # noqa: F401
    comment_client,
    comment_settings,
    make_comment_client,
    notifier,
)
from tests.backend.helpers import (
    ORIGIN,
    POLLS,
    SECRET,
    ClientFactory,
    TestClient,
    app_clients,
    write_manifest,
)
from tests.backend.notify_helpers import (  # noqa: F401
    mailbox,
    refusing_port,
    served,
    start_notifier,
    store,
    webhook,
)
from tests.postgres_server import PostgresServer


@pytest.fixture
def manifest_path(tmp_path: Path) -> Path:
    """The manifest of POLLS on disk."""
    return write_manifest(tmp_path / "polls.json", POLLS)


STORES = ("sqlite", "postgres")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the tests marked `both_stores` once on SQLite and once on PostgreSQL."""
    marked = metafunc.definition.get_closest_marker("both_stores")
    sqlite_only = metafunc.definition.get_closest_marker("sqlite_only")
    if "store_kind" in metafunc.fixturenames and marked and not sqlite_only:
        metafunc.parametrize("store_kind", STORES, indirect=True)


@pytest.fixture
def store_kind(request: pytest.FixtureRequest) -> str:
    """The store a test runs on: both for `both_stores` tests, else SQLite (HTTP plumbing)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def database_url(request: pytest.FixtureRequest, store_kind: str) -> str:
    """FACES_DATABASE_URL of the test: a fresh migrated PostgreSQL database, or empty (SQLite)."""
    if store_kind == "sqlite":
        return ""
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.emptied_database()


@pytest.fixture
def settings(tmp_path: Path, manifest_path: Path, database_url: str) -> Settings:
    """Settings for one test: its own database, one trusted proxy, a high rate limit."""
    return Settings(
        manifest=str(manifest_path),
        db_path=tmp_path / "polls.sqlite3",
        database_url=database_url,
        allowed_origins=(ORIGIN,),
        secret=SECRET,
        trust_proxy=1,
        rate_limit=1000,
    )


@pytest.fixture
def make_client(settings: Settings) -> Iterator[ClientFactory]:
    """Start apps with these settings changed as told; each client is closed at the end."""
    with app_clients(settings, {}) as make:
        yield make


@pytest.fixture
def client(make_client: ClientFactory) -> TestClient:
    """An in-process client of an app with the default test settings."""
    return make_client()
