"""Images leave the build re-encoded: no EXIF, GPS, XMP, IPTC or comments; check and build agree."""

from .plugin import register

__all__ = ["register"]
