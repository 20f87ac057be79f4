"""A temporary copy of the sample site with the editor built and its local proxy running.

The build is made once per session; the board's test serves the same files with its own
config.json in front of decap-server's git mode on a throwaway clone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from editorial.config import load_settings
from web_editor import editor_config

from devserver.editor_proxy import start_editor_proxy, stop_editor_proxy
from devserver.site_settings import settings_over
from tests.servers import free_port, serve_static
from tests.sites import ROOT, built


@dataclass(frozen=True)
class EditorSite:
    """The copy the editor writes into, its settings file and where the editor is served."""

    repository: Path
    settings: Path
    output: Path
    base: str

    @property
    def content(self) -> Path:
        """The copy's content folder."""
        return self.repository / "content"


@pytest.fixture(scope="session")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditorSite]:
    """Sample content copied (never the real content/), built, served, proxy started."""
    folder = tmp_path_factory.mktemp("editor")
    repository = folder / "repository"
    shutil.copytree(ROOT / "content", repository / "content")
    proxy_port = free_port()
    settings = repository / "site.py"
    settings.write_text(
        settings_over(
            repository / "content", cache=folder / "cache", WEB_EDITOR_PROXY_PORT=proxy_port
        ),
        encoding="utf-8",
    )
    output = folder / "output"
    built(output, settings=str(settings))
    proxy = start_editor_proxy(str(repository), proxy_port, "de")
    try:
        with serve_static(output, free_port()) as base:
            yield EditorSite(repository, settings, output, base.rstrip("/"))
    finally:
        stop_editor_proxy(proxy)


@dataclass(frozen=True)
class BoardSite:
    """A clone of a bare repository, served by decap-server in git mode, and the editor's URL."""

    origin: Path
    clone: Path
    settings: Path
    base: str

    def git(self, *arguments: str) -> str:
        """Run git in the clone and return what it printed."""
        return run_git(self.clone, *arguments)


# Who commits in the throwaway repositories (the CI machine has no git identity).
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Redaktion",
    "GIT_AUTHOR_EMAIL": "redaktion@example.org",
    "GIT_COMMITTER_NAME": "Redaktion",
    "GIT_COMMITTER_EMAIL": "redaktion@example.org",
}


def run_git(folder: Path, *arguments: str) -> str:
    """git in the folder; a failure stops the test with git's own words."""
    done = subprocess.run(
        ["git", "-C", str(folder), *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_IDENTITY},
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(arguments)}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def board_site(
    editor_site: EditorSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BoardSite]:
    """The sample content in a bare repository and a clone of it, the proxy in git mode on it."""
    folder = tmp_path_factory.mktemp("board")
    origin, clone = folder / "origin.git", folder / "clone"
    run_git(folder, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    run_git(folder, "clone", "--quiet", str(origin), str(clone))
    shutil.copytree(ROOT / "content", clone / "content")
    run_git(clone, "add", "content")
    run_git(clone, "commit", "--quiet", "-m", "Sample content")
    run_git(clone, "push", "--quiet", "origin", "HEAD:main")
    for key, value in (("user.name", "Redaktion"), ("user.email", "redaktion@example.org")):
        run_git(clone, "config", key, value)
    proxy_port = free_port()
    settings = folder / "site.py"
    settings.write_text(
        settings_over(
            clone / "content",
            cache=folder / "cache",
            WEB_EDITOR_PROXY_PORT=proxy_port,
            WEB_EDITOR_PROXY_MODE="git",
            EDITORIAL_REPOSITORY_BRANCH="main",
        ),
        encoding="utf-8",
    )
    served = _served_with_config(
        editor_site.output, folder / "served", load_settings(str(settings))
    )
    proxy = start_editor_proxy(str(clone), proxy_port, "de", mode="git", branch="main")
    try:
        with serve_static(served, free_port()) as base:
            yield BoardSite(origin, clone, settings, base.rstrip("/"))
    finally:
        stop_editor_proxy(proxy)


def _served_with_config(output: Path, served: Path, settings: dict[str, object]) -> Path:
    """The built site linked into a new folder, the editor's config.json made for `settings`."""
    editor = str(settings["WEB_EDITOR_PATH"]).strip("/")
    served.mkdir()
    for entry in output.iterdir():
        if entry.name != editor:
            (served / entry.name).symlink_to(entry)
    (served / editor).mkdir()
    for entry in (output / editor).iterdir():
        if entry.name != "config.json":
            (served / editor / entry.name).symlink_to(entry)
    config = json.dumps(editor_config(settings), ensure_ascii=False)
    (served / editor / "config.json").write_text(config, encoding="utf-8")
    return served
