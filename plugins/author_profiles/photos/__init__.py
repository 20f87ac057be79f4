"""Turn employee photos into square, metadata-free WebP and JPEG files, cached by content."""

from .cache import PIPELINE_VERSION, DigestMemo, cache_key, source_digest
from .model import (
    DEFAULT_SETTINGS,
    PhotoError,
    PhotoJob,
    PhotoOutput,
    PhotoResult,
    PhotoSettings,
    crop_box,
)
from .pipeline import process_photo, process_photos

__all__ = [
    "DEFAULT_SETTINGS",
    "PIPELINE_VERSION",
    "DigestMemo",
    "PhotoError",
    "PhotoJob",
    "PhotoOutput",
    "PhotoResult",
    "PhotoSettings",
    "cache_key",
    "crop_box",
    "process_photo",
    "process_photos",
    "source_digest",
]
