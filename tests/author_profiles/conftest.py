"""Fixtures for the author_profiles tests: a profile folder, rules, photos from one portrait."""

from __future__ import annotations

from pathlib import Path

import pytest
from author_profiles.profiles import ProfileRules
from PIL import Image

PHOTOS = Path(__file__).resolve().parents[1] / "data" / "photos"
# Profile rules with one department and one level, for tests that read profiles directly.
RULES = ProfileRules(
    departments={"entwicklung": "Entwicklung"},
    levels={"fachkraft": "Fachkraft"},
    lang="de",
    author_url="menschen/{slug}/",
    markdown={},
    slug_substitutions=[],
)


@pytest.fixture
def authors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty profile folder; problem paths are relative to its parent (the working folder)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "authors"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def astronaut_path() -> Path:
    """The public-domain NASA portrait (512x512 RGB PNG)."""
    return PHOTOS / "astronaut.png"


@pytest.fixture
def astronaut(astronaut_path: Path) -> Image.Image:
    """The portrait as an RGB image."""
    with Image.open(astronaut_path) as image:
        return image.convert("RGB")


@pytest.fixture(scope="session")
def big_photo(tmp_path_factory: pytest.TempPathFactory, astronaut_path: Path) -> Path:
    """A 4000x3000 (12-megapixel) JPEG made from the portrait, landscape like a camera's."""
    with Image.open(astronaut_path) as image:
        portrait = image.convert("RGB").resize((3000, 3000), Image.Resampling.BICUBIC)
    # Different content left and right of the portrait, so a wrong crop shows.
    canvas = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    canvas.paste(portrait, (700, 0))
    path = tmp_path_factory.mktemp("big") / "big.jpg"
    canvas.save(path, quality=90)
    return path
