"""Shared fixtures: the sample site built once per session, as preview and as public site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sites import BuildRun, run_build


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The sample site built with pelicanconf.py (drafts included, as in the preview)."""
    run = run_build(tmp_path_factory.mktemp("preview") / "output")
    assert run.returncode == 0, run.log
    return run


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The sample site built with publishconf.py under a sub-path, in strict mode."""
    run = run_build(
        tmp_path_factory.mktemp("public") / "output",
        task="publish",
        env={"SITEURL": "https://blog.seewerk.example/blog"},
    )
    assert run.returncode == 0, run.log
    return run


@pytest.fixture
def output_dir(tmp_path: Path) -> Path:
    """An empty output folder for a one-off build."""
    return tmp_path / "output"
