"""The screenshot comparison: tolerance, size changes, missing references, updates, artifacts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.golden.screens import (
    ALLOWED_SHARE,
    PIXEL_THRESHOLD,
    ScreenComparison,
    compare_screen,
    obsolete_references,
    reduced,
)


def shot(
    size: tuple[int, int] = (200, 100),
    marks: tuple[tuple[int, int, int, int], ...] = (),
    shade: int = 0,
) -> bytes:
    """A PNG like a page: white with a dark headline bar, plus dark `marks`."""
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 150, 30), fill=(20 + shade, 40 + shade, 80 + shade))
    for box in marks:
        draw.rectangle(box, fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A reference folder holding the shot 'home-360', and an empty artifact folder."""
    references, artifacts = tmp_path / "screens", tmp_path / "artifacts"
    references.mkdir()
    reduced(shot()).save(references / "home-360.png")
    return references, artifacts


def compare(
    png: bytes, folders: tuple[Path, Path], update: bool = False, name: str = "home-360"
) -> ScreenComparison:
    """compare_screen with the test's folders."""
    return compare_screen(name, png, update=update, folder=folders[0], artifacts=folders[1])


def test_the_same_page_matches(folders: tuple[Path, Path]) -> None:
    assert compare(shot(), folders).problem is None
    assert not folders[1].exists()


def test_changes_within_the_tolerance_match_and_leave_the_reference_alone(
    folders: tuple[Path, Path],
) -> None:
    before = (folders[0] / "home-360.png").read_bytes()
    # A colour shift below the per-pixel threshold and a few changed pixels below the share.
    few = int(200 * 100 * ALLOWED_SHARE)
    nudged = shot(shade=PIXEL_THRESHOLD // 2, marks=((180, 80, 180 + few - 1, 80),))
    result = compare(nudged, folders, update=True)
    assert (result.problem, result.updated) == (None, False)
    assert (folders[0] / "home-360.png").read_bytes() == before


def test_a_changed_block_fails_and_names_the_shot_and_the_diff(folders: tuple[Path, Path]) -> None:
    result = compare(shot(marks=((20, 50, 59, 89),)), folders)
    assert result.problem is not None
    actual, diff = folders[1] / "home-360-actual.png", folders[1] / "home-360-diff.png"
    assert f"This run's shot: {actual}" in result.problem
    assert f"The changes in red: {diff}" in result.problem
    assert "8.00% of its pixels changed (allowed: 0.20%)" in result.problem
    assert result.problem.endswith("accept it with: uv run invoke test --update-golden")
    marked = Image.open(diff).convert("RGB")
    assert marked.getpixel((40, 70)) == (220, 0, 0)
    assert marked.getpixel((100, 70)) != (220, 0, 0)
    assert Image.open(actual).convert("RGB").getpixel((40, 70)) == (0, 0, 0)


def test_a_page_that_grew_fails_with_both_sizes(folders: tuple[Path, Path]) -> None:
    result = compare(shot(size=(200, 120)), folders)
    assert result.problem is not None
    assert "its size changed from 200x100 px to 200x120 px" in result.problem


def test_a_missing_reference_says_how_to_record_it(folders: tuple[Path, Path]) -> None:
    result = compare(shot(), folders, name="tags-800")
    assert result.problem == (
        f"The screen 'tags-800' has no reference yet ({folders[0] / 'tags-800.png'}); "
        "record it with: uv run invoke test --update-golden"
    )
    assert compare(shot(), folders, update=True, name="tags-800").updated
    assert compare(shot(), folders, name="tags-800").problem is None


def test_an_update_rewrites_a_reference_that_differs(folders: tuple[Path, Path]) -> None:
    changed = shot(marks=((20, 50, 60, 90),))
    result = compare(changed, folders, update=True)
    assert (result.problem, result.updated) == (None, True)
    assert compare(changed, folders).problem is None
    assert Image.open(folders[0] / "home-360.png").mode == "P"


def test_references_without_a_shot_are_found(folders: tuple[Path, Path]) -> None:
    reduced(shot()).save(folders[0] / "search-360.png")
    assert obsolete_references({"home-360"}, folders[0]) == [folders[0] / "search-360.png"]
