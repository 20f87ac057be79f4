"""Fixtures for the clean_images tests: the awkward images, and the intranet build."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clean_images.awkward import write_awkward_images
from tests.sites import BuildRun, run_build


@pytest.fixture(scope="session")
def awkward_images(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder of awkward images, and for each what the build must do with it."""
    folder = tmp_path_factory.mktemp("awkward")
    return folder, write_awkward_images(folder)


@pytest.fixture(scope="session")
def intranet_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The sample site built with intranetconf.py (internal posts and their images too)."""
    run = run_build(tmp_path_factory.mktemp("intranet") / "output", task="intranet")
    assert run.returncode == 0, run.log
    return run
