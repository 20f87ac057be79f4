"""Images leave the build re-encoded: no EXIF, GPS, XMP, IPTC or comments; check and build agree."""

from .clean import CleanResult, clean_images, is_image
from .config import clean_settings
from .messages import describe
from .plugin import register

__all__ = ["CleanResult", "clean_images", "clean_settings", "describe", "is_image", "register"]
