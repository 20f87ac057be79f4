"""devserver/imagery/portraits.py: one house tone for the sample portraits."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from PIL import Image, ImageColor, ImageOps

from devserver.imagery.covers import LAKE_DEEP
from devserver.imagery.portraits import HIGHLIGHT, MIDTONE, duotone, treat
from tests.sample import CONTENT


def rgb(hex_colour: str) -> tuple[int, ...]:
    return tuple(ImageColor.getrgb(hex_colour))


def test_dark_mid_and_light_map_to_the_house_colours() -> None:
    ramp = Image.new("L", (3, 1))
    ramp.putdata([0, 128, 255])
    # A large flat field: the smoothing leaves the three tones as they are.
    image = ramp.resize((300, 100), Image.Resampling.NEAREST).convert("RGB")
    toned = duotone(image)
    assert toned.getpixel((50, 50)) == rgb(LAKE_DEEP)
    assert toned.getpixel((250, 50)) == rgb(HIGHLIGHT)
    middle = toned.getpixel((150, 50))
    assert all(abs(a - b) <= 3 for a, b in zip(middle, rgb(MIDTONE), strict=True))


def test_treat_keeps_the_metadata_for_the_build_to_strip(tmp_path: Path) -> None:
    source = next(p for p in sorted((CONTENT / "authors").glob("*.jpg")))
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    with Image.open(source) as before:
        exif = dict(before.getexif())
        size = before.size
    treat(copy)
    with Image.open(copy) as after:
        assert dict(after.getexif()) == exif
        assert after.size == size


def distance_from_the_tone(photo: Path) -> float:
    """How far a photo's pixels lie from the tone's colour ramp, on average."""
    grey = Image.new("L", (256, 1))
    grey.putdata(list(range(256)))
    ramp = list(
        ImageOps.colorize(grey, black=LAKE_DEEP, white=HIGHLIGHT, mid=MIDTONE).get_flattened_data()
    )
    with Image.open(photo) as image:
        # NEAREST: averaging neighbours would mix two ramp colours into one off the ramp.
        pixels = list(
            image.convert("RGB").resize((30, 38), Image.Resampling.NEAREST).get_flattened_data()
        )
    return statistics.mean(
        min(sum((a - b) ** 2 for a, b in zip(pixel, point, strict=True)) for point in ramp) ** 0.5
        for pixel in pixels
    )


def test_every_sample_portrait_is_in_the_house_tone() -> None:
    for path in sorted((CONTENT / "authors").glob("*.jpg")):
        # Toned photos measure about 2, untoned ones 20 to 50.
        assert distance_from_the_tone(path) < 5, path.name
