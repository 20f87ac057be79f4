"""Tests for clean_images.covers: a cover's size as shown, and its smaller clean copies."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from clean_images.clean import CleanSettings
from clean_images.covers import (
    COVERS_KEY,
    CoverCopy,
    copy_name,
    describe_covers,
    upright_size,
    write_copies,
)
from pelican.contents import Article
from PIL import Image, ImageChops, ImageStat

from tests.image_opens import count_image_opens
from tests.sites import ROOT


def picture(path: Path, size: tuple[int, int] = (1200, 675), orientation: int = 0) -> Path:
    """An image file with a gradient (so resizing has work to do), optionally turned by EXIF."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    exif[0x010E] = "secret description"
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, exif=exif.tobytes())
    return path


@pytest.mark.parametrize(
    ("save_as", "expected"),
    [
        ("images/covers/a.webp", "images/covers/a-480w.webp"),
        ("images/b.c.JPG", "images/b.c-480w.JPG"),
    ],
)
def test_copy_names(save_as: str, expected: str) -> None:
    assert copy_name(save_as, 480) == expected


def test_size_as_shown_follows_the_orientation(tmp_path: Path) -> None:
    assert upright_size(picture(tmp_path / "flat.jpg")) == (1200, 675)
    assert upright_size(picture(tmp_path / "turned.jpg", orientation=6)) == (675, 1200)


@pytest.mark.parametrize("content", [b"", b"not an image", b"\x89PNG\r\n\x1a\n" + b"\0" * 10])
def test_an_unreadable_cover_has_no_size(tmp_path: Path, content: bytes) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(content)
    assert upright_size(broken) is None
    assert upright_size(tmp_path / "missing.png") is None


def article(content: Path, cover: str | None) -> Article:
    metadata: dict[str, object] = {"title": "Cover", "date": datetime(2026, 1, 1)}
    if cover is not None:
        metadata["image"] = cover
    return Article("<p>Text</p>", metadata=metadata, source_path=str(content / "post.md"))


def test_posts_get_their_covers_size_and_copies_below_its_width(tmp_path: Path) -> None:
    picture(tmp_path / "images" / "wide.jpg", (1200, 675))
    picture(tmp_path / "images" / "small.png", (640, 360))
    (tmp_path / "images" / "broken.jpg").write_bytes(b"nothing")
    posts = [
        article(tmp_path, "images/wide.jpg"),
        article(tmp_path, "images/small.png"),
        article(tmp_path, "images/broken.jpg"),
        article(tmp_path, "images/notes.txt"),
        article(tmp_path, None),
    ]
    generator = SimpleNamespace(
        settings={"CLEAN_IMAGES_COVER_WIDTHS": (800, 480, 800)},
        context={},
        path=str(tmp_path),
        articles=posts[:3],
        drafts=posts[3:],
    )
    describe_covers(generator)
    wide, small, broken, text, none = posts
    assert (wide.image_width, wide.image_height) == (1200, 675)
    assert wide.image_sources == (
        ("images/wide-480w.jpg", 480),
        ("images/wide-800w.jpg", 800),
        ("images/wide.jpg", 1200),
    )
    assert small.image_sources == (("images/small-480w.png", 480), ("images/small.png", 640))
    for post in (broken, text, none):
        assert not hasattr(post, "image_sources") and not hasattr(post, "image_width")
    plans = generator.context[COVERS_KEY]
    assert plans == {
        str(tmp_path / "images" / "wide.jpg"): [
            CoverCopy(480, "images/wide-480w.jpg"),
            CoverCopy(800, "images/wide-800w.jpg"),
        ],
        str(tmp_path / "images" / "small.png"): [CoverCopy(480, "images/small-480w.png")],
    }


def test_copies_are_written_clean_and_made_once(tmp_path: Path) -> None:
    clean = picture(tmp_path / "cache" / "0123abcd.jpg", (1200, 675))
    copies = [CoverCopy(480, "images/a-480w.jpg"), CoverCopy(800, "images/a-800w.jpg")]
    written = write_copies(clean, copies, tmp_path / "output", CleanSettings())
    assert written == [tmp_path / "output" / c.save_as for c in copies]
    for path, width in zip(written, (480, 800), strict=True):
        with Image.open(path) as copy:
            assert copy.size == (width, round(675 * width / 1200))
            assert not copy.getexif()
    cached = tmp_path / "cache" / "0123abcd-480w.jpg"
    made = cached.stat().st_mtime_ns
    again = write_copies(clean, copies, tmp_path / "output", CleanSettings())
    assert again == written and cached.stat().st_mtime_ns == made


def test_a_copy_of_a_flat_graphic_weighs_less_than_the_graphic(tmp_path: Path) -> None:
    # The sample's map: 1,200 px wide in 51 KB; resized in full colour, its 800 px copy was 94 KB.
    clean = tmp_path / "cache" / "4567cdef.png"
    clean.parent.mkdir()
    shutil.copy(ROOT / "content" / "images" / "bodensee-karte.png", clean)
    copies = [CoverCopy(480, "images/karte-480w.png"), CoverCopy(800, "images/karte-800w.png")]
    written = write_copies(clean, copies, tmp_path / "output", CleanSettings())
    for path, width in zip(written, (480, 800), strict=True):
        assert path.stat().st_size < clean.stat().st_size, path.name
        with Image.open(path) as copy:
            assert copy.size == (width, round(675 * width / 1200))
            assert not copy.getexif() and "icc_profile" not in copy.info


def test_a_photo_copy_keeps_its_full_colours(tmp_path: Path) -> None:
    clean = picture(tmp_path / "cache" / "89abcdef.png", (1200, 675))
    [written] = write_copies(
        clean, [CoverCopy(480, "images/b-480w.png")], tmp_path, CleanSettings()
    )
    with Image.open(written) as copy:
        assert copy.mode == "RGB"


def test_copies_made_in_the_background_are_the_ones_made_in_line(tmp_path: Path) -> None:
    from clean_images.clean import clean_images, plan_images
    from clean_images.generator import PendingImages
    from faces_common.background import BackgroundPool

    sources = [picture(tmp_path / "in" / f"c{n}.jpg", (600 + 20 * n, 300)) for n in range(4)]
    widths = {240, 480}
    in_line = clean_images(sources, tmp_path / "in-line", CleanSettings(), workers=1)
    expected = {}
    for result in in_line:
        assert result.clean is not None
        copies = [CoverCopy(w, f"{result.source.stem}-{w}w.jpg") for w in sorted(widths)]
        for written in write_copies(result.clean, copies, tmp_path / "out", CleanSettings()):
            expected[written.name] = written.read_bytes()
        expected[result.source.name] = result.clean.read_bytes()

    plan = plan_images(sources, tmp_path / "background", CleanSettings())
    every = dict.fromkeys((key for key in plan.keys if key is not None), widths)
    with BackgroundPool(2) as pool:
        pending = PendingImages(plan, every, {}, pool, 0.0)
        assert len(pending.encoding) == 4 and all(j.future for j in pending.encoding.values())
        got = pending.wait()
    made = {}
    for result in got:
        assert result.clean is not None
        made[result.source.name] = result.clean.read_bytes()
        for width in sorted(widths):
            copy = result.clean.with_name(f"{result.clean.stem}-{width}w.jpg")
            made[f"{result.source.stem}-{width}w.jpg"] = copy.read_bytes()
    assert made == expected

    # A wider copy asked for later is made from the clean file the cache already holds.
    again = plan_images(sources, tmp_path / "background", CleanSettings())
    assert not again.missing
    lacking = {key: [560] for key in again.known}
    PendingImages(again, {}, lacking, None, 0.0).wait()
    for known in again.known.values():
        assert known is not None and known.clean is not None
        with Image.open(known.clean.with_name(f"{known.clean.stem}-560w.jpg")) as image:
            assert image.width == 560


def test_a_cover_is_decoded_once_for_all_its_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clean_images.covers import make_copies

    clean = picture(tmp_path / "cache" / "clean.jpg")
    opened = count_image_opens(monkeypatch)
    make_copies(clean, [480, 800], CleanSettings())
    assert opened == [str(clean)]
    assert sorted(p.name for p in clean.parent.iterdir()) == [
        "clean-480w.jpg",
        "clean-800w.jpg",
        "clean.jpg",
    ]


@pytest.fixture
def resized(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Record every resize as (width it starts from, width it makes)."""
    made: list[tuple[int, int]] = []
    original = Image.Image.resize

    def recorded(image: Image.Image, size: tuple[int, int], *args: object, **kw: object) -> object:
        made.append((image.width, size[0]))
        return original(image, size, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Image.Image, "resize", recorded)
    return made


def test_each_copy_is_resized_from_the_next_larger_one(
    tmp_path: Path, resized: list[tuple[int, int]]
) -> None:
    from clean_images.covers import make_copies

    clean = picture(tmp_path / "cache" / "clean.jpg", (1200, 675))
    resized.clear()  # only make_copies' own resizes count
    make_copies(clean, [240, 480, 800], CleanSettings())
    # The 480 copy filters 800 pixels a row, not 1,200: the smaller, the less work.
    assert resized == [(1200, 800), (800, 480), (480, 240)]


def test_a_copy_is_the_same_whether_the_larger_ones_were_cached_or_not(tmp_path: Path) -> None:
    from clean_images.covers import make_copies

    together = picture(tmp_path / "together" / "clean.jpg", (1200, 675))
    make_copies(together, [480, 800], CleanSettings())
    # A later build asks for a smaller width too (the setting changed): the 800 is cached.
    later = picture(tmp_path / "later" / "clean.jpg", (1200, 675))
    make_copies(later, [800], CleanSettings())
    made = (later.parent / "clean-800w.jpg").stat().st_mtime_ns
    make_copies(later, [480, 800], CleanSettings())
    assert (later.parent / "clean-800w.jpg").stat().st_mtime_ns == made  # not encoded again
    for name in ("clean-480w.jpg", "clean-800w.jpg"):
        assert (later.parent / name).read_bytes() == (together.parent / name).read_bytes()


def test_a_camera_sized_cover_is_decoded_at_the_scale_its_widest_copy_needs(
    tmp_path: Path, resized: list[tuple[int, int]]
) -> None:
    from clean_images.covers import make_copies

    clean = picture(tmp_path / "cache" / "clean.jpg", (2400, 1350))
    with Image.open(clean) as image:
        expected = image.convert("RGB").resize((800, 450), Image.Resampling.LANCZOS)
    resized.clear()  # only make_copies' own resizes count
    make_copies(clean, [480, 800], CleanSettings())
    # Decoded at half scale (1,200 px still covers 800), not all 2,400 pixels a row.
    assert resized == [(1200, 800), (800, 480)]
    with Image.open(tmp_path / "cache" / "clean-800w.jpg") as copy:
        assert copy.size == (800, 450)
        difference = ImageChops.difference(copy.convert("RGB"), expected)
        assert max(ImageStat.Stat(difference).mean) < 2
    with Image.open(tmp_path / "cache" / "clean-480w.jpg") as copy:
        assert copy.size == (480, 270)
