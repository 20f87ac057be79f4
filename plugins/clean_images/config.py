"""The plugin's settings: defaults with their meaning, validation, the pipeline's settings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .clean import CleanSettings
from .verdict import ImageLimits

DEFAULTS: dict[str, Any] = {
    # Largest image file a post may show, in kilobytes; larger ones are published with a
    # warning (which fails strict publishing) and reported by `invoke check`.
    "CLEAN_IMAGES_MAX_KB": 800,
    # Largest image a post may show, in pixels on the longer side (warning, as above).
    "CLEAN_IMAGES_MAX_PIXELS": 2000,
    # Images with more pixels are not decoded at all (decompression bombs) and left out.
    "CLEAN_IMAGES_MAX_MEGAPIXELS": 60.0,
    # JPEG quality for images that become JPEG from another format; a JPEG keeps its own
    # quantisation tables, so it keeps the quality it was exported with.
    "CLEAN_IMAGES_JPEG_QUALITY": 90,
    # WebP quality of lossy WebP images (lossless ones stay lossless).
    "CLEAN_IMAGES_WEBP_QUALITY": 90,
    # Processes for encoding images on the first build; None uses every core.
    "CLEAN_IMAGES_WORKERS": None,
    # Widths in pixels of the smaller copies of a post's cover image (`Image:`) that cards and
    # phones load instead of the whole picture; () makes none.
    "CLEAN_IMAGES_COVER_WIDTHS": (480, 800),
    # True: the build names the cover copies (the pages list them as always) but makes only
    # those the cache holds; the preview server makes the others when first asked for.
    "CLEAN_IMAGES_COVER_COPIES_ON_REQUEST": False,
    # True (needs the above): a JPEG the cache lacks is checked at 1/8 scale, with the same
    # refusals and warnings, instead of re-encoded; the preview server makes its clean file
    # when first asked for. Other formats are re-encoded by the build as always.
    "CLEAN_IMAGES_ON_REQUEST": False,
}


def validate(settings: Mapping[str, Any]) -> None:
    """Raise ValueError naming the first setting that cannot work."""

    def fail(key: str, expected: str) -> None:
        raise ValueError(f"{key} has value {settings[key]!r}. {expected}")

    for key in ("CLEAN_IMAGES_MAX_KB", "CLEAN_IMAGES_MAX_PIXELS"):
        value = settings[key]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            fail(key, "Expected a positive whole number.")
    megapixels = settings["CLEAN_IMAGES_MAX_MEGAPIXELS"]
    if isinstance(megapixels, bool) or not isinstance(megapixels, int | float) or megapixels <= 0:
        fail("CLEAN_IMAGES_MAX_MEGAPIXELS", "Expected a positive number.")
    for key in ("CLEAN_IMAGES_JPEG_QUALITY", "CLEAN_IMAGES_WEBP_QUALITY"):
        quality = settings[key]
        if isinstance(quality, bool) or not isinstance(quality, int) or not 1 <= quality <= 100:
            fail(key, "Expected an integer from 1 to 100.")
    workers = settings["CLEAN_IMAGES_WORKERS"]
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        fail("CLEAN_IMAGES_WORKERS", "Expected None (every core) or a positive number.")
    if not isinstance(settings["CLEAN_IMAGES_COVER_COPIES_ON_REQUEST"], bool):
        fail(
            "CLEAN_IMAGES_COVER_COPIES_ON_REQUEST",
            "Expected True (made by the preview server) or False.",
        )
    if not isinstance(settings["CLEAN_IMAGES_ON_REQUEST"], bool):
        fail("CLEAN_IMAGES_ON_REQUEST", "Expected True (made by the preview server) or False.")
    if settings["CLEAN_IMAGES_ON_REQUEST"] and not settings["CLEAN_IMAGES_COVER_COPIES_ON_REQUEST"]:
        fail(
            "CLEAN_IMAGES_ON_REQUEST",
            "Set CLEAN_IMAGES_COVER_COPIES_ON_REQUEST = True too: a cover made on request has "
            "its copies made on request.",
        )
    widths = settings["CLEAN_IMAGES_COVER_WIDTHS"]
    if not isinstance(widths, list | tuple) or any(
        isinstance(width, bool) or not isinstance(width, int) or width <= 0 for width in widths
    ):
        fail(
            "CLEAN_IMAGES_COVER_WIDTHS", "Expected a list of widths in pixels, such as (480, 800)."
        )


def clean_settings(settings: Mapping[str, Any]) -> CleanSettings:
    """The pipeline settings from CLEAN_IMAGES_*, the plugin's defaults where unset."""
    value = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    return CleanSettings(
        jpeg_quality=value["CLEAN_IMAGES_JPEG_QUALITY"],
        webp_quality=value["CLEAN_IMAGES_WEBP_QUALITY"],
        limits=ImageLimits(
            max_kb=value["CLEAN_IMAGES_MAX_KB"],
            max_pixels=value["CLEAN_IMAGES_MAX_PIXELS"],
            max_megapixels=value["CLEAN_IMAGES_MAX_MEGAPIXELS"],
        ),
    )
