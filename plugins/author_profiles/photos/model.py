"""The photo pipeline's records: settings, jobs, outputs, results, and the crop."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from clean_images import ImageIssue, ImageRefused

# Horizontally centred, a bit above the middle: where the face is in a typical portrait.
_HEAD_AND_SHOULDERS = (0.5, 0.375)


class PhotoError(ImageRefused):
    """A photo that cannot be processed; carries the issue that says why."""


@dataclass(frozen=True)
class PhotoSettings:
    """Output sizes, encoder qualities and the size limit for source photos."""

    sizes: tuple[int, ...] = (96, 192, 384, 768)
    jpeg_quality: int = 82
    webp_quality: int = 80
    max_megapixels: float = 60.0

    def __post_init__(self) -> None:
        sizes = tuple(self.sizes)
        if not sizes or not all(isinstance(s, int) and s > 0 for s in sizes):
            raise ValueError(f"sizes has value {self.sizes!r}; expected positive pixel counts")
        object.__setattr__(self, "sizes", tuple(sorted(set(sizes))))
        for name in ("jpeg_quality", "webp_quality"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= 100:
                raise ValueError(f"{name} has value {value!r}; expected an integer from 1 to 100")
        if not self.max_megapixels > 0:
            raise ValueError(
                f"max_megapixels has value {self.max_megapixels!r}; expected a positive number"
            )


DEFAULT_SETTINGS = PhotoSettings()


@dataclass(frozen=True)
class PhotoJob:
    """A source photo and the point (fractions of width and height) to centre the crop on."""

    source: Path
    focal_point: tuple[float, float] | None = None


@dataclass(frozen=True)
class PhotoOutput:
    """One processed file: a square of `size` pixels in `format` ("webp" or "jpeg")."""

    size: int
    format: str
    path: Path
    width: int
    height: int


@dataclass(frozen=True)
class PhotoResult:
    """The outcome of one job: the output files and warnings, or the error (message keys)."""

    source: Path
    key: str | None = None
    outputs: tuple[PhotoOutput, ...] = ()
    warnings: tuple[ImageIssue, ...] = ()
    error: ImageIssue | None = None
    # Found in the cache (its files; with `ordered`, its order) instead of made or checked now.
    cached: bool = False
    # Checked, not made: the outputs are named in the cache but made on request (orders.py).
    ordered: bool = False

    @property
    def ok(self) -> bool:
        """Whether the photo was processed (possibly with warnings)."""
        return self.error is None

    @property
    def sizes(self) -> tuple[int, ...]:
        """The sizes that were produced, smallest first."""
        return tuple(sorted({output.size for output in self.outputs}))

    def output(self, size: int, image_format: str) -> PhotoOutput | None:
        """Return the output of the given size and format, if it was produced."""
        for candidate in self.outputs:
            if candidate.size == size and candidate.format == image_format:
                return candidate
        return None


def crop_box(
    width: int, height: int, focal_point: tuple[float, float] | None = None
) -> tuple[int, int, int, int]:
    """Return the largest square (left, top, right, bottom) centred on the focal point."""
    if width <= 0 or height <= 0:
        raise ValueError(f"image size {width}x{height} is empty")
    fx, fy = focal_point if focal_point is not None else _HEAD_AND_SHOULDERS
    side = min(width, height)
    left = min(max(math.floor(fx * width - side / 2 + 0.5), 0), width - side)
    top = min(max(math.floor(fy * height - side / 2 + 0.5), 0), height - side)
    return left, top, left + side, top + side
