"""Fixtures of the pull tests: an empty backend made by the backend itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pulls.helpers import Backend, make_backend


@pytest.fixture
def backend(tmp_path: Path) -> Backend:
    """An empty backend (database made by the backend itself) with the test polls."""
    return make_backend(tmp_path / "backend")
