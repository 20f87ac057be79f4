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
    ORIGIN,
    ClientFactory,
    FeatureForm,
    TestClient,
    app_clients,
)

NEXT = f"{ORIGIN}/menschen/"
PROFILES = ["anna-muster", "ben-beispiel"]


# The story form: a good proposal, and the stored rows its tests compare.
STORIES = FeatureForm(
    "/stories",
    {
        "about": "someone",
        "text": "Kollegin Eva hat die Kantine auf Mehrweg umgestellt.\n\nFragt sie!",
        "person": "Eva Beispiel",
        "department": "Einkauf",
        "contact": "lena@example.com",
        "proposer": "Lena",
        "_next": NEXT,
    },
    "SELECT about, text, person, department, proposer, contact, status FROM stories",
)


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
