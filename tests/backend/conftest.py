"""Fixtures for the poll backend: a manifest on disk, settings, in-process clients."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from faces_backend import Settings, create_app

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
    started_clients,
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


@pytest.fixture
def manifest_path(tmp_path: Path) -> Path:
    """The manifest of POLLS on disk."""
    return write_manifest(tmp_path / "polls.json", POLLS)


@pytest.fixture
def settings(tmp_path: Path, manifest_path: Path) -> Settings:
    """Settings for one test: its own database, one trusted proxy, a high rate limit."""
    return Settings(
        manifest=str(manifest_path),
        db_path=tmp_path / "polls.sqlite3",
        allowed_origins=(ORIGIN,),
        secret=SECRET,
        trust_proxy=1,
        rate_limit=1000,
    )


@pytest.fixture
def make_client(settings: Settings) -> Iterator[ClientFactory]:
    """Start apps with these settings changed as told; each client is closed at the end."""
    with started_clients() as start:

        def make(base_url: str = "https://testserver", **changes: Any) -> TestClient:
            return start(create_app(replace(settings, **changes)), base_url)

        yield make


@pytest.fixture
def client(make_client: ClientFactory) -> TestClient:
    """An in-process client of an app with the default test settings."""
    return make_client()
