"""Shared fixtures: the sample site built once per session (preview, public, served), Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import hostile_site
from tests.browser import launch_chromium
from tests.postgres_server import PostgresServer, running_postgres
from tests.servers import free_port, serve_published, serve_static
from tests.sites import BuildRun, built


def _task_build(factory: pytest.TempPathFactory, task: str, **environ: str) -> BuildRun:
    """The sample site built by one invoke task into a fresh folder, with these variables set."""
    return built(factory.mktemp(task) / "output", task=task, env=environ)


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The sample site built with pelicanconf.py (drafts included, as in the preview)."""
    return built(tmp_path_factory.mktemp("preview") / "output")


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The sample site built with publishconf.py under a sub-path, in strict mode."""
    return _task_build(tmp_path_factory, "publish", SITEURL="https://blog.seewerk.example/blog")


@pytest.fixture(scope="session")
def intranet_site(tmp_path_factory: pytest.TempPathFactory) -> BuildRun:
    """The sample site built with intranetconf.py (internal posts too)."""
    return _task_build(
        tmp_path_factory, "intranet", INTRANET_SITEURL="https://intranet.seewerk.example/blog"
    )


@pytest.fixture(scope="session")
def served_public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, BuildRun]]:
    """The public build, made for and served at http://127.0.0.1:PORT/blog/; tests only read it."""
    with serve_published(tmp_path_factory.mktemp("served-public")) as served:
        yield served


@pytest.fixture(scope="session", params=["preview", "publish"])
def served_hostile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, BuildRun]]:
    """The hostile site served: the preview at /, the strict public build at /blog/; read only."""
    # One build of each for tests/test_escaping.py and tests/test_escaping_browser.py.
    port = free_port()
    publish = request.param == "publish"
    prefix = "/blog" if publish else ""
    run = hostile_site.build_hostile(
        tmp_path_factory.mktemp(f"hostile-{request.param}"),
        publish=publish,
        siteurl=f"http://127.0.0.1:{port}{prefix}" if publish else "",
    )
    assert run.returncode == 0, run.log
    with serve_static(run.output, port, prefix=prefix) as base:
        yield base, run


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium for one module's browser tests."""
    yield from launch_chromium()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A private PostgreSQL cluster for the session; a test needing it fails if it cannot start."""
    with running_postgres() as server:
        yield server


@pytest.fixture
def output_dir(tmp_path: Path) -> Path:
    """An empty output folder for a one-off build."""
    return tmp_path / "output"
