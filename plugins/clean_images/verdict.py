"""The one judgement of an image file, shared by `invoke check` and the build."""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

# Formats the web can show and Pillow re-encodes without loss of features. MPO is what Pillow
# calls JPEGs with a second picture (many phones).
WEB_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
JPEG_FORMATS = ("JPEG", "MPO")
_ANIMATED_FORMATS = ("GIF", "PNG", "WEBP")

# Formats people send instead, recognised by their first bytes, for a useful message.
_KNOWN_FORMATS = (
    (0, b"GIF8", "GIF"),
    (0, b"II*\x00", "TIFF (or camera RAW)"),
    (0, b"MM\x00*", "TIFF (or camera RAW)"),
    (0, b"BM", "BMP"),
    (0, b"%PDF", "PDF"),
    (4, b"ftypheic", "HEIC"),
    (4, b"ftypheix", "HEIC"),
    (4, b"ftypmif1", "HEIF"),
    (4, b"ftypavif", "AVIF"),
    (0, b"\x1f\x8b", "SVGZ (gzip)"),
)
_FORMAT_NAMES = {"WEBP": "WebP"}


@dataclass(frozen=True)
class ImageIssue:
    """What is wrong with an image: a message key and the values its text needs."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)
    # Refused issues keep the file out of the site; the others only warn.
    refused: bool = True


class ImageRefused(Exception):
    """An image that cannot be published; carries the issue that says why."""

    def __init__(self, issue: ImageIssue) -> None:
        super().__init__(issue.key)
        self.issue = issue


@dataclass(frozen=True)
class ImageLimits:
    """Limits for images in posts: file size, longer side, and pixels Pillow may decode."""

    max_kb: int = 800
    max_pixels: int = 2000
    max_megapixels: float = 60.0


@contextmanager
def open_image(
    path: Path,
    formats: tuple[str, ...] = WEB_FORMATS,
    max_megapixels: float = 60.0,
    draft_side: int | None = None,
) -> Iterator[Image.Image]:
    """Open and fully decode an image, or raise ImageRefused saying what is wrong.

    With draft_side, a large JPEG is decoded at 1/2, 1/4 or 1/8 of its size where its shorter
    side stays at least draft_side (much faster; the damage checks are the same).
    """
    with open_image_sized(path, formats, max_megapixels, draft_side) as (image, _):
        yield image


@contextmanager
def open_image_sized(
    path: Path,
    formats: tuple[str, ...] = WEB_FORMATS,
    max_megapixels: float = 60.0,
    draft_side: int | None = None,
) -> Iterator[tuple[Image.Image, tuple[int, int]]]:
    """open_image, with the size the file declares (a draft decode gives a smaller image)."""
    with warnings.catch_warnings():
        # Our own limit (checked from the header) applies, with a message naming the size.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(path, formats=formats)
        except Image.DecompressionBombError as exc:
            # Pillow refuses before we see the size; its message has the pixel count.
            counted = re.search(r"\((\d+) pixels\)", str(exc))
            megapixels = int(counted.group(1)) / 1e6 if counted else math.inf
            raise ImageRefused(_too_many(megapixels, max_megapixels)) from None
        except UnidentifiedImageError:
            raise ImageRefused(unsupported_issue(path, formats)) from None
        except OSError as exc:
            raise ImageRefused(
                ImageIssue("image_cannot_read", {"reason": exc.strerror or str(exc)})
            ) from None
        with image:
            width, height = image.size
            # An animation is decoded frame by frame: all its frames count against the limit.
            frames = getattr(image, "n_frames", 1) if image.format in _ANIMATED_FORMATS else 1
            if frames * width * height > max_megapixels * 1e6:
                raise ImageRefused(_too_many(frames * width * height / 1e6, max_megapixels))
            if draft_side and image.format in JPEG_FORMATS:
                _request_draft(image, draft_side)
            try:
                image.load()
            except (OSError, SyntaxError, ValueError, EOFError) as exc:
                raise ImageRefused(ImageIssue("image_damaged", {"reason": str(exc)})) from None
            yield image, (width, height)


def _too_many(megapixels: float, limit: float) -> ImageIssue:
    return ImageIssue(
        "image_too_many_megapixels", {"megapixels": round(megapixels, 1), "limit": float(limit)}
    )


def unsupported_issue(path: Path, formats: tuple[str, ...]) -> ImageIssue:
    """The issue for a file Pillow would not open: a known other format, or not an image."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        head = b""
    allowed = tuple(_FORMAT_NAMES.get(name, name) for name in formats if name != "MPO")
    for offset, magic, name in _KNOWN_FORMATS:
        if head[offset : offset + len(magic)] == magic:
            return ImageIssue("image_unsupported", {"kind": name, "allowed": allowed})
    return ImageIssue("image_not_an_image", {"allowed": allowed})


def size_issues(file_size: int, width: int, height: int, limits: ImageLimits) -> list[ImageIssue]:
    """Issues of an image that can be published but is too big for a web page."""
    found = []
    if max(width, height) > limits.max_pixels:
        found.append(
            ImageIssue(
                "image_too_wide",
                {"width": width, "height": height, "pixels": limits.max_pixels},
                refused=False,
            )
        )
    if file_size > limits.max_kb * 1024:
        found.append(
            ImageIssue(
                "image_too_heavy",
                {"size": file_size // 1024, "limit": limits.max_kb, "pixels": limits.max_pixels},
                refused=False,
            )
        )
    return found


def _request_draft(image: Image.Image, target: int) -> None:
    width, height = image.size
    short_side = min(width, height)
    if short_side < 2 * target:
        return
    # The decoder picks the largest of 1/2, 1/4, 1/8 that keeps the image at least the requested
    # size, so a square crop of the reduced image stays at least `target` pixels.
    scale = short_side / target
    image.draft("RGB", (math.ceil(width / scale), math.ceil(height / scale)))
