"""Fixtures for the view counter: settings with a reach manifest, apps made from them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from faces_backend import Settings, create_app
from tests.reach.helpers import counting_settings

AppFactory = Callable[..., Starlette]


@pytest.fixture
def views_settings(tmp_path: Path) -> Settings:
    """Backend settings that count views of PAGES, behind one trusted proxy."""
    return counting_settings(tmp_path, "faces.sqlite3", rate_limit=1000)


@pytest.fixture
def make_app(views_settings: Settings) -> AppFactory:
    """An app with the views settings, changed as told; its lifespan runs in `TestClient`."""

    def make(**changes: Any) -> Starlette:
        return create_app(replace(views_settings, **changes))

    return make
