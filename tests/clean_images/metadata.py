"""Find metadata in an image file: with Pillow, and by walking the file's own segments."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

from PIL import Image

# Pillow `info` keys that describe pixels (timing, transparency, JPEG/JFIF bookkeeping).
_HARMLESS_INFO = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "dpi",
    "adobe",
    "adobe_transform",
    "progressive",
    "progression",
    "transparency",
    "duration",
    "loop",
    "background",
    "version",
    "extension",
    "timestamp",
    "disposal",
    "blend",
    "default_image",
    "aspect",
    "gamma",
    "srgb",
    "chromaticity",
}
_PNG_ALLOWED = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"sRGB", b"gAMA", b"cHRM", b"pHYs"}
_PNG_ALLOWED |= {b"acTL", b"fcTL", b"fdAT"}
_WEBP_ALLOWED = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"}
# JPEG markers before the scan that carry pixels' bookkeeping only: JFIF (APP0), Adobe colour
# transform (APP14), tables and frame headers.
_JPEG_ALLOWED = {0xE0, 0xEE, 0xDB, 0xC4, 0xDD, 0xC0, 0xC1, 0xC2, 0xCC}


def metadata_in(path: Path) -> list[str]:
    """Every piece of metadata found in the file; empty when it carries pixels only."""
    found: list[str] = []
    with Image.open(path) as image:
        found += [f"info:{key}" for key in image.info if key not in _HARMLESS_INFO]
        if len(image.getexif()):
            found.append("exif")
        if getattr(image, "text", None):
            found.append("png-text")
        if image.format == "GIF" and image.info.get("extension", (b"NETSCAPE2.0",))[0] not in (
            b"NETSCAPE2.0",
        ):
            found.append("gif-extension")
        image_format = image.format
    data = path.read_bytes()
    if image_format == "JPEG":
        found += _jpeg_segments(data)
    elif image_format == "PNG":
        found += [f"png:{c.decode()}" for c in _png_chunks(data) if c not in _PNG_ALLOWED]
    elif image_format == "WEBP":
        found += [f"webp:{c.decode()}" for c in _webp_chunks(data) if c not in _WEBP_ALLOWED]
    elif image_format == "GIF" and b"XMP DataXMP" in data:
        found.append("gif-xmp")
    return found


def _jpeg_segments(data: bytes) -> list[str]:
    found = []
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: only entropy-coded pixels follow
            break
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        if marker not in _JPEG_ALLOWED:
            found.append(f"jpeg-marker:{marker:02X}")
        position += 2 + length
    return found


def _png_chunks(data: bytes) -> list[bytes]:
    # After the 8-byte signature: length, kind, data, a 4-byte CRC.
    return _chunk_kinds(data, 8, lambda head: struct.unpack(">I4s", head)[::-1], lambda n: 12 + n)


def _webp_chunks(data: bytes) -> list[bytes]:
    # After the 12-byte RIFF header: kind, length, data padded to an even length.
    return _chunk_kinds(
        data, 12, lambda head: struct.unpack("<4sI", head), lambda n: 8 + n + (n & 1)
    )


def _chunk_kinds(
    data: bytes,
    start: int,
    kind_and_length: Callable[[bytes], tuple[bytes, int]],
    chunk_size: Callable[[int], int],
) -> list[bytes]:
    """The kind of each chunk from `start` on, read from its 8-byte header."""
    kinds = []
    position = start
    while position + 8 <= len(data):
        kind, length = kind_and_length(data[position : position + 8])
        kinds.append(kind)
        position += chunk_size(length)
    return kinds


def every_image(folder: Path) -> list[Path]:
    """Every raster image file under a folder (by suffix)."""
    suffixes = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in suffixes and p.is_file())
