"""Shared pieces of the comment tests: threads on disk, a recording notifier, clients."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from faces_backend import Settings
from faces_backend.comments.config import CommentSettings
from faces_backend.comments.events import CommentEvent
from tests.backend.helpers import (
    ORIGIN,
    ClientFactory,
    FeatureForm,
    TestClient,
    app_clients,
)

NEXT = f"{ORIGIN}/2026/kantine/"
THREADS: list[dict[str, Any]] = [
    {
        "id": "posts/2026/kantine",
        "path": "/2026/kantine/",
        "title": "Ideen für die Kantine",
        "lang": "de",
        "authors": ["anna-muster"],
        "open": True,
        "internal": False,
    },
    {
        "id": "alt-post",
        "path": "/2020/alt/",
        "title": "Alter Beitrag",
        "lang": "de",
        "authors": ["ben"],
        "open": False,
        "internal": False,
    },
    {
        "id": "intern-1",
        "path": "/intern/1/",
        "title": "Nur intern",
        "lang": "de",
        "authors": ["anna-muster"],
        "open": True,
        "internal": True,
    },
]


@dataclass
class RecordingNotifier:
    """A Notifier that only records its calls (tests only)."""

    calls: list[tuple[str, Any]] = field(default_factory=list)

    def comment_received(self, event: CommentEvent) -> None:
        """Record the call."""
        self.calls.append(("received", event))

    def comment_approved(self, event: CommentEvent) -> None:
        """Record the call."""
        self.calls.append(("approved", event))

    def subscribe(self, comment_id: str, email: str, lang: str) -> None:
        """Record the call."""
        self.calls.append(("subscribe", (comment_id, email, lang)))

    def forget(self, comment_id: str) -> None:
        """Record the call."""
        self.calls.append(("forget", comment_id))


def write_threads(path: Path, threads: list[dict[str, Any]] = THREADS) -> Path:
    """Write a comment manifest with these threads."""
    data = {"version": 1, "generated": "2026-12-01T10:00:00+00:00", "threads": threads}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# The comment form: a good comment, and the stored rows its tests compare.
COMMENTS = FeatureForm(
    "/comments",
    {
        "thread": "posts/2026/kantine",
        "name": "Lena",
        "text": "Eine Salatbar wäre schön.\n\nUnd mehr Tische.",
        "_next": NEXT,
    },
    "SELECT id, thread, parent, name, profile, text, status FROM comments",
)


@pytest.fixture
def notifier() -> RecordingNotifier:
    """The recording notifier handed to the app."""
    return RecordingNotifier()


@pytest.fixture
def comment_settings(tmp_path: Path) -> CommentSettings:
    """Comments on, no waiting for the stamp (the too-fast test sets its own)."""
    return CommentSettings(manifest=str(write_threads(tmp_path / "threads.json")), min_seconds=0)


@pytest.fixture
def make_comment_client(
    settings: Settings, comment_settings: CommentSettings, notifier: RecordingNotifier
) -> Iterator[Any]:
    """Start apps with comments; settings and comment settings (comments=) changed as told."""
    with app_clients(
        settings,
        {"comments": comment_settings},
        notifier=lambda store, open_threads: contextlib.nullcontext(notifier),
    ) as make:
        yield make


@pytest.fixture
def comment_client(make_comment_client: ClientFactory) -> TestClient:
    """A client of an app with comments on and the default test settings."""
    return make_comment_client()
