"""A post's cover image (`Image:`): its size for the theme, and smaller clean copies for cards.

The theme gives the cover `width` and `height` (no layout shift while it loads) and a `srcset`
of the copies, so a phone or a card of 22rem loads a copy about its own width, not the full
picture. The sizes are read from the file's header while the posts are read; the copies are
made from the clean file (no metadata) once it exists, and cached by its content.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from PIL import Image

from .clean import CleanSettings, is_image
from .encode import FORMAT_BY_SUFFIX, encode_clean

# Context key: source path of each cover -> the smaller copies to write for it.
COVERS_KEY = "clean_images_covers"
COVER_FIELD = "image"
# EXIF orientations that turn the picture by 90 degrees: width and height swap.
_TURNED = (5, 6, 7, 8)


@dataclass(frozen=True)
class CoverCopy:
    """One smaller copy of a cover: its width and where it goes in the output."""

    width: int
    save_as: str


def copy_name(save_as: str, width: int) -> str:
    """The output path of the copy `width` pixels wide: `images/a.webp` -> `images/a-480w.webp`."""
    path = PurePosixPath(save_as)
    return str(path.with_name(f"{path.stem}-{width}w{path.suffix}"))


def upright_size(source: Path) -> tuple[int, int] | None:
    """The picture's width and height as shown (orientation applied), or None if unreadable."""
    try:
        with Image.open(source) as image:
            width, height = image.size
            turned = image.getexif().get(0x0112) in _TURNED
    except (OSError, ValueError, SyntaxError):
        return None  # the build's image check reports the file; the theme shows it without a size
    return (height, width) if turned else (width, height)


def describe_covers(generator: Any) -> None:
    """Give every post with a cover its size and copies (`image_width`, `image_height`, …)."""
    widths: Sequence[int] = generator.settings["CLEAN_IMAGES_COVER_WIDTHS"]
    plans: dict[str, list[CoverCopy]] = generator.context.setdefault(COVERS_KEY, {})
    for article in _all_articles(generator):
        cover = article.metadata.get(COVER_FIELD)
        if (
            not isinstance(cover, str)
            or not cover
            or Path(cover).suffix.lower() not in FORMAT_BY_SUFFIX
        ):
            continue
        source = Path(generator.path) / cover
        size = upright_size(source) if is_image(source) else None
        if size is None:
            continue
        width, height = size
        copies = [CoverCopy(w, copy_name(cover, w)) for w in sorted(set(widths)) if w < width]
        plans[os.path.abspath(source)] = copies
        article.image_width, article.image_height = width, height
        # Smallest first, the picture itself last: the theme writes them as the srcset.
        article.image_sources = (*((copy.save_as, copy.width) for copy in copies), (cover, width))


def _all_articles(generator: Any) -> Iterable[Any]:
    for name in ("articles", "translations", "drafts", "drafts_translations"):
        yield from getattr(generator, name, [])


def _heavy(written: Path, picture: Path, share: float) -> bool:
    """Whether a copy holding `share` of the picture's pixels weighs over 1.5 times that share."""
    return written.stat().st_size > 1.5 * share * picture.stat().st_size


def _keep_lighter(written: Path, palette_image: Image.Image) -> None:
    other = written.with_name(f"{written.stem}.palette{written.suffix}")
    encode_clean(palette_image, other, 0, 0)
    if other.stat().st_size < written.stat().st_size:
        os.replace(other, written)
    else:
        other.unlink()


def _in_256_colours(image: Image.Image) -> Image.Image:
    """The picture with a palette of 256 colours, as screen graphics are usually saved."""
    # Resizing a flat graphic (a map, a chart) blends its edges into thousands of colours, and
    # lossless PNG then weighs more than the full-size picture: a palette keeps the copy light.
    method = Image.Quantize.FASTOCTREE if image.mode in ("RGBA", "LA", "PA") else None
    return image.quantize(colors=256, method=method)


def write_copies(
    clean: Path, copies: Sequence[CoverCopy], output: Path, settings: CleanSettings
) -> list[Path]:
    """Write the copies of one clean cover (cached beside it by width); the files written."""
    make_copies(clean, [copy.width for copy in copies], settings)
    return link_copies(clean, copies, output)


def missing_copies(clean: Path, widths: Iterable[int]) -> list[int]:
    """The widths whose copy of this clean cover the cache lacks."""
    return sorted(width for width in set(widths) if not cached_copy(clean, width).is_file())


def make_copies(clean: Path, widths: Sequence[int], settings: CleanSettings) -> None:
    """Make the copies of one clean cover the cache lacks, beside it (runs in a worker too)."""
    lacking = missing_copies(clean, widths)
    if not lacking:
        return
    # Decoded once for all its copies; each copy resized from the next larger one (a third
    # of the pixels to filter for the smallest), so every width is made the same way whether
    # the larger copies are cached already or not.
    chain = sorted((w for w in set(widths) if w >= lacking[0]), reverse=True)
    with Image.open(clean) as image:
        full_width, full_height = image.size
        if image.format == "JPEG":
            # A camera-sized cover is decoded at 1/2, 1/4 or 1/8 scale where that still covers
            # the widest copy (as photos are): a fraction of the decoding and resampling.
            image.draft(None, (chain[0], math.ceil(full_height * chain[0] / full_width)))
        image.load()
        smaller: Image.Image = image
        for width in chain:
            height = round(full_height * width / full_width)
            smaller = smaller.resize((width, height), Image.Resampling.LANCZOS)
            if width not in lacking:
                continue
            cached = cached_copy(clean, width)
            temporary = cached.with_name(f".{cached.name}.tmp{cached.suffix}")
            encode_clean(smaller, temporary, settings.jpeg_quality, settings.webp_quality)
            share = (width / full_width) ** 2
            if FORMAT_BY_SUFFIX[clean.suffix.lower()] == "PNG" and _heavy(temporary, clean, share):
                _keep_lighter(temporary, _in_256_colours(smaller))
            os.replace(temporary, cached)


def link_copies(clean: Path, copies: Sequence[CoverCopy], output: Path) -> list[Path]:
    """Link the cached copies of one clean cover into the output; the files written."""
    written = []
    for copy in copies:
        cached = cached_copy(clean, copy.width)
        target = output / copy.save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(cached, target)
        except OSError:
            target.write_bytes(cached.read_bytes())
        written.append(target)
    return written


def cached_copy(clean: Path, width: int) -> Path:
    """Where the cache keeps the copy of this clean cover `width` pixels wide."""
    return clean.with_name(f"{clean.stem}-{width}w{clean.suffix}")
