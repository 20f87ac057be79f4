"""Shared pieces of the story tests: a good proposal, clients with story settings, the rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from faces_backend import Settings
from faces_backend.comments.config import CommentSettings
from faces_backend.stories.config import StorySettings
from tests.backend.helpers import (
    JSON,
    ORIGIN,
    ClientFactory,
    TestClient,
    app_clients,
    fresh_stamp,
    post_stamped,
    rows,
)

NEXT = f"{ORIGIN}/menschen/"
PROFILES = ["anna-muster", "ben-beispiel"]


def story_fields(**changes: str) -> dict[str, str]:
    """Return the fields of a good proposal, changed as told."""
    fields = {
        "about": "someone",
        "text": "Kollegin Eva hat die Kantine auf Mehrweg umgestellt.\n\nFragt sie!",
        "person": "Eva Beispiel",
        "department": "Einkauf",
        "contact": "lena@example.com",
        "proposer": "Lena",
        "_next": NEXT,
    }
    fields.update(changes)
    return fields


def write_story_manifest(path: Path, profiles: list[str] = PROFILES) -> Path:
    """Write the build's story manifest with these profile slugs."""
    path.write_text(json.dumps({"version": 1, "profiles": profiles}), encoding="utf-8")
    return path


@pytest.fixture
def story_settings(tmp_path: Path) -> StorySettings:
    """Stories with the profiles manifest, no waiting for the stamp (the timing test sets one)."""
    return StorySettings(
        manifest=str(write_story_manifest(tmp_path / "stories.json")), min_seconds=0
    )


@pytest.fixture
def make_story_client(settings: Settings, story_settings: StorySettings) -> Iterator[Any]:
    """Start apps; settings, story settings (stories=) and comment settings (comments=) changed."""
    with app_clients(settings, {"stories": story_settings, "comments": CommentSettings()}) as make:
        yield make


@pytest.fixture
def story_client(make_story_client: ClientFactory) -> TestClient:
    """A client of an app with the default test settings."""
    return make_story_client()


def stamp(client: TestClient) -> str:
    """Fetch a fresh form stamp."""
    return fresh_stamp(client, "/stories/stamp")


def stored(settings: Settings) -> list[tuple[Any, ...]]:
    """Return every stored story row."""
    return rows(
        settings,
        "SELECT about, text, person, department, proposer, contact, status FROM stories",
    )


def propose(client: TestClient, headers: dict[str, str] = JSON, **changes: str) -> Any:
    """Post a good proposal with a fresh stamp, changed as told."""
    return post_stamped(client, "/stories", story_fields(**changes), headers)
