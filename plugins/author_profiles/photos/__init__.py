"""Turn employee photos into square, metadata-free WebP and JPEG files, cached by content."""

from .cache import PIPELINE_VERSION, cache_key
from .model import (
    DEFAULT_SETTINGS,
    PhotoError,
    PhotoJob,
    PhotoOutput,
    PhotoResult,
    PhotoSettings,
    crop_box,
)
from .orders import PhotoNotMade, make_ordered_entry
from .pipeline import PendingPhotos, process_photo, process_photos, start_photos

__all__ = [
    "DEFAULT_SETTINGS",
    "PIPELINE_VERSION",
    "PendingPhotos",
    "PhotoError",
    "PhotoJob",
    "PhotoNotMade",
    "PhotoOutput",
    "PhotoResult",
    "PhotoSettings",
    "cache_key",
    "crop_box",
    "make_ordered_entry",
    "process_photo",
    "process_photos",
    "start_photos",
]
