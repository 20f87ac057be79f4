"""Tests for clean_images.clean: awkward images in, pixels-only images out, refusals named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from clean_images import clean
from clean_images.clean import CleanSettings, clean_images
from clean_images.verdict import ImageLimits
from PIL import Image, ImageCms

from tests.clean_images.metadata import metadata_in

REFUSALS = {
    "truncated.jpg": "image_damaged",
    "huge.png": "image_too_many_megapixels",
    "text.jpg": "image_not_an_image",
    "photo.heic": "image_unsupported",
}


@pytest.fixture
def cleaned(
    awkward_images: tuple[Path, dict[str, str]], tmp_path: Path
) -> dict[str, clean.CleanResult]:
    folder, _ = awkward_images
    names = sorted(p.name for p in folder.iterdir())
    results = clean_images([folder / n for n in names], tmp_path / "cache", CleanSettings())
    return dict(zip(names, results, strict=True))


def test_every_awkward_image_is_cleaned_or_refused_as_expected(
    awkward_images: tuple[Path, dict[str, str]], cleaned: dict[str, clean.CleanResult]
) -> None:
    _, expected = awkward_images
    assert {name: "refused" if r.refused else "clean" for name, r in cleaned.items()} == expected
    assert {name: r.issues[0].key for name, r in cleaned.items() if r.refused} == REFUSALS


def test_clean_copies_carry_no_metadata(cleaned: dict[str, clean.CleanResult]) -> None:
    written = [r.clean for r in cleaned.values() if r.clean is not None]
    assert len(written) == 7
    assert {str(path.name): metadata_in(path) for path in written} == {
        path.name: [] for path in written
    }


def test_orientation_is_applied(cleaned: dict[str, clean.CleanResult]) -> None:
    phone = cleaned["phone.jpg"].clean
    assert phone is not None
    with Image.open(phone) as image:
        # Stored 640 x 480 with "rotate 90°": upright it is portrait.
        assert image.size == (480, 640)
        assert image.getexif().get(0x0112) is None


def test_formats_and_pixels_survive(cleaned: dict[str, clean.CleanResult]) -> None:
    opened = {}
    for name in ("cmyk.jpg", "alpha.png", "exif.webp", "animated.gif", "png-named.jpg"):
        path = cleaned[name].clean
        assert path is not None
        with Image.open(path) as image:
            opened[name] = (image.format, image.mode, getattr(image, "n_frames", 1))
    assert opened == {
        "cmyk.jpg": ("JPEG", "RGB", 1),  # browsers show CMYK JPEGs wrongly or not at all
        "alpha.png": ("PNG", "RGBA", 1),  # transparency kept
        "exif.webp": ("WEBP", "RGB", 1),
        "animated.gif": ("GIF", "P", 3),  # still animated
        "png-named.jpg": ("JPEG", "RGB", 1),  # the format its name promises
    }


def test_the_cache_encodes_nothing_twice(
    awkward_images: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = awkward_images
    sources = [folder / "phone.jpg", folder / "alpha.png"]
    first = clean_images(sources, tmp_path, CleanSettings(), workers=1)

    def fail(*args: object) -> None:
        raise AssertionError("encoded again")

    monkeypatch.setattr(clean, "encode_job", fail)
    second = clean_images(sources, tmp_path, CleanSettings(), workers=1)
    assert [r.clean for r in second] == [r.clean for r in first]


def test_the_same_bytes_under_two_names_share_one_clean_copy(
    awkward_images: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, _ = awkward_images
    copy = tmp_path / "copy.jpg"
    shutil.copyfile(folder / "phone.jpg", copy)
    one, two = clean_images([folder / "phone.jpg", copy], tmp_path / "cache", CleanSettings())
    assert one.clean == two.clean and one.source != two.source


def test_size_limits_warn_without_refusing(
    awkward_images: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, _ = awkward_images
    tight = CleanSettings(limits=ImageLimits(max_kb=1, max_pixels=500))
    [result] = clean_images([folder / "phone.jpg"], tmp_path, tight)
    assert not result.refused
    assert [(i.key, i.refused) for i in result.issues] == [
        ("image_too_wide", False),
        ("image_too_heavy", False),
    ]


def _odd_images(folder: Path) -> dict[str, Image.Image | bytes]:
    lab_profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    palette = Image.new("P", (64, 48), 3)
    palette.info["transparency"] = 3
    grey_alpha = Image.new("LA", (64, 48), (120, 200))
    deep = Image.new("I;16", (64, 48), 40000)
    bilevel = Image.new("1", (64, 48), 1)
    images = {
        "palette.png": (palette, {"transparency": 3, "icc_profile": lab_profile}),
        "grey-alpha.png": (grey_alpha, {}),
        "deep.png": (deep, {}),
        "bilevel.png": (bilevel, {}),
        "palette.gif": (palette, {"transparency": 3, "comment": b"Anna"}),
        "grey.jpg": (Image.new("L", (64, 48), 90), {"comment": b"Anna"}),
        "lossless.webp": (Image.new("RGBA", (64, 48), (1, 2, 3, 4)), {"lossless": True}),
    }
    for name, (image, options) in images.items():
        image.save(folder / name, **options)
    return {name: image for name, (image, _) in images.items()}


def test_odd_pixel_modes_come_out_clean_and_the_same_size(tmp_path: Path) -> None:
    made = _odd_images(tmp_path)
    names = sorted(made)
    results = clean_images([tmp_path / n for n in names], tmp_path / "cache", CleanSettings())
    assert [r.issues for r in results] == [()] * len(names)
    for name, result in zip(names, results, strict=True):
        assert result.clean is not None, name
        assert metadata_in(result.clean) == [], name
        with Image.open(result.clean) as image:
            assert image.size == (64, 48), name
