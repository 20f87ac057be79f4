"""A temporary copy of the sample site with the editor built and its local proxy running."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

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


@pytest.fixture(scope="module")
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
