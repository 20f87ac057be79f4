"""Give sample portraits the house tone: lake blue shadows, warm mid-tones, sand highlights.

Run `uv run python -m devserver.imagery.portraits content/authors/NAME.jpg ...` once per new
photo: it rewrites each file in place. One treatment for every portrait makes soft, unequal
sample photos read as one deliberate series. The camera metadata stays in the source on
purpose: the build must strip it (tests/author_profiles/test_site_people.py checks that it does).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps

from devserver.imagery.covers import LAKE_DEEP

HIGHLIGHT = "#f6ead6"  # the covers' sand, a shade lighter so faces stay bright
# Warm, not blue: faces in the mid-tones keep a skin-like colour instead of turning blue.
MIDTONE = "#a8765a"
_QUALITY = 85
_SMOOTHING = 1.5  # pixels of the source photo (1200 x 1500)


def duotone(image: Image.Image) -> Image.Image:
    """The image's light and dark mapped from lake blue through warm brown to sand."""
    # Smoothed first: stretching the contrast also stretches the grain, which made the published
    # WebP portraits three times heavier; at the sizes shown the smoothing is invisible.
    smooth = ImageOps.grayscale(image).filter(ImageFilter.GaussianBlur(_SMOOTHING))
    grey = ImageOps.autocontrast(smooth, cutoff=1)
    return ImageOps.colorize(grey, black=LAKE_DEEP, white=HIGHLIGHT, mid=MIDTONE)


def treat(path: Path) -> None:
    """Rewrite one JPEG portrait in the duotone, keeping its metadata and orientation tag."""
    with Image.open(path) as image:
        exif = image.info.get("exif", b"")
        treated = duotone(image)
    treated.save(path, "JPEG", quality=_QUALITY, exif=exif)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python -m devserver.imagery.portraits content/authors/NAME.jpg ...")
    for name in sys.argv[1:]:
        treat(Path(name))
        print(f"{name}: {Path(name).stat().st_size // 1024} KB")
