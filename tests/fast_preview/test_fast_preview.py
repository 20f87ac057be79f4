"""fast_preview: a selective build writes only the selected pages and names each by a signal."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fast_preview import page_written
from fast_preview.plugin import DEFAULTS, apply_defaults
from pelican.settings import DEFAULT_CONFIG

from devserver.build import build
from tests.minisite import GOOD_POST, make_site
from tests.sites import ROOT

SECOND_POST = GOOD_POST.replace("Ein guter Beitrag", "Der zweite Beitrag")
GOOD_PAGE = "2026/ein-guter-beitrag/index.html"


class Heard:
    """Every page_written message a listener got: (sender, page)."""

    def __init__(self) -> None:
        self.pages: list[tuple[str, str]] = []

    def __call__(self, sender: str, page: str) -> None:
        self.pages.append((sender, page))


def _site(tmp_path: Path) -> tuple[str, Path]:
    settings = make_site(tmp_path, {"zweiter.md": SECOND_POST})
    return str(settings), tmp_path / "content" / "posts" / "good.md"


def _build_listening(
    settings: str, output: Path, overrides: dict[str, Any], listen_on: Path | None = None
) -> Heard:
    heard = Heard()
    sender = str((listen_on or output).resolve())
    with page_written.connected_to(heard, sender=sender):
        result = build(settings, {"OUTPUT_PATH": str(output), **overrides})
    assert not result.failed
    return heard


def test_a_selective_build_reports_exactly_the_pages_it_wrote(tmp_path: Path) -> None:
    settings, source = _site(tmp_path)
    output = tmp_path / "quick"
    heard = _build_listening(settings, output, {"FAST_PREVIEW_SOURCES": [str(source)]})
    assert heard.pages == [(str(output.resolve()), GOOD_PAGE)]
    written = {str(p.relative_to(output)) for p in output.rglob("*.html")}
    assert written == {GOOD_PAGE}


def test_a_full_build_reports_nothing(tmp_path: Path) -> None:
    settings, _ = _site(tmp_path)
    output = tmp_path / "full"
    heard = _build_listening(settings, output, {})
    assert heard.pages == []
    assert (output / "index.html").exists()
    assert (output / GOOD_PAGE).exists()


def test_a_listener_hears_only_its_own_output_folder(tmp_path: Path) -> None:
    settings, source = _site(tmp_path)
    overrides = {"FAST_PREVIEW_SOURCES": [str(source)]}
    heard = _build_listening(settings, tmp_path / "quick", overrides, listen_on=tmp_path / "other")
    assert heard.pages == []


@pytest.mark.parametrize(
    "sources",
    [[str(Path("content") / "posts" / "missing.md")], [str(Path("/etc/passwd"))], []],
    ids=["missing-file", "outside-the-content", "empty"],
)
def test_a_selection_of_no_post_writes_and_reports_nothing(
    tmp_path: Path, sources: list[str]
) -> None:
    settings, _ = _site(tmp_path)
    output = tmp_path / "quick"
    heard = _build_listening(settings, output, {"FAST_PREVIEW_SOURCES": sources})
    assert heard.pages == []
    assert not list(output.rglob("*.html"))


@pytest.mark.parametrize(
    "sources", ["content/posts/good.md", [1, 2], [None]], ids=["a-string", "numbers", "none"]
)
def test_a_selection_that_is_not_a_list_of_paths_is_refused(sources: object) -> None:
    pelican = SimpleNamespace(settings={**DEFAULT_CONFIG, "FAST_PREVIEW_SOURCES": sources})
    with pytest.raises(ValueError, match="FAST_PREVIEW_SOURCES has value"):
        apply_defaults(pelican)


def test_the_settings_and_the_signal_are_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `fast_preview`", 1)[1].split("\n### ", 1)[0]
    documented = set(re.findall(r"^\| `(FAST_PREVIEW_\w+)`", section, re.MULTILINE))
    # What the quick step wrote travels through page_written, not through a list in the settings.
    assert documented == set(DEFAULTS) == {"FAST_PREVIEW_SOURCES"}
    assert f"`{page_written.name}`" in section
