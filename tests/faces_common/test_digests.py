"""A rebuild reads no image bytes: source digests are remembered by (size, mtime)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clean_images.clean import CleanSettings, clean_images
from faces_common import digests
from PIL import Image


def write_png(path: Path, colour: tuple[int, int, int]) -> None:
    """An uncompressed PNG: every colour gives a file of the same size."""
    Image.new("RGB", (32, 24), colour).save(path, "PNG", compress_level=0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose bytes were read for a digest."""
    seen: list[str] = []
    original = digests.read_digest

    def counting(path: Path) -> str:
        seen.append(Path(path).name)
        return original(path)

    monkeypatch.setattr(digests, "read_digest", counting)
    return seen


def test_a_rebuild_reads_only_the_changed_file(tmp_path: Path, reads: list[str]) -> None:
    sources = [tmp_path / "changed.png", tmp_path / "same.png", tmp_path / "drawing.svg"]
    write_png(sources[0], (255, 0, 0))
    write_png(sources[1], (0, 0, 255))
    sources[2].write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>'
    )
    cache = tmp_path / "cache"
    clean_images(sources, cache, CleanSettings())
    assert sorted(reads) == ["changed.png", "drawing.svg", "same.png"]

    reads.clear()
    clean_images(sources, cache, CleanSettings())
    assert reads == []

    size = sources[0].stat().st_size
    stamp = sources[0].stat().st_mtime_ns
    write_png(sources[0], (0, 255, 0))
    os.utime(sources[0], ns=(stamp + 10**9, stamp + 10**9))
    assert sources[0].stat().st_size == size
    first, second, _ = clean_images(sources, cache, CleanSettings())
    assert reads == ["changed.png"]
    with Image.open(first.clean) as image:
        assert image.getpixel((0, 0)) == (0, 255, 0)
    with Image.open(second.clean) as image:
        assert image.getpixel((0, 0)) == (0, 0, 255)
