"""Raster images embedded in an SVG are re-encoded like post images: pixels only, no metadata."""

from __future__ import annotations

import base64
import binascii
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from .encode import encode_clean
from .svg_rules import XLINK_NS
from .verdict import ImageRefused, open_image

_DATA = re.compile(r"\s*data:image/(png|jpeg|webp|gif);base64,(.*)", re.IGNORECASE | re.DOTALL)
_SUFFIX = {"png": ".png", "jpeg": ".jpg", "webp": ".webp", "gif": ".gif"}
_HREFS = ("href", f"{{{XLINK_NS}}}href")


def clean_embedded_images(
    root: ET.Element, removed: set[str], jpeg_quality: int, webp_quality: int, max_megapixels: float
) -> None:
    """Re-encode every embedded raster image; drop those that cannot be decoded."""
    embedded = [
        (element, name)
        for element in root.iter()
        for name in _HREFS
        if element.get(name, "").lstrip().lower().startswith("data:")
    ]
    if not embedded:
        return
    with tempfile.TemporaryDirectory() as folder:
        for number, (element, name) in enumerate(embedded):
            qualities = (jpeg_quality, webp_quality, max_megapixels)
            clean = _reencode(element.get(name, ""), Path(folder), number, *qualities)
            if clean is None:
                removed.add("embedded image")
                del element.attrib[name]
            else:
                element.set(name, clean)


def _reencode(
    value: str, folder: Path, number: int, jpeg_quality: int, webp_quality: int, megapixels: float
) -> str | None:
    found = _DATA.fullmatch(value)
    if not found:
        return None
    kind = found.group(1).lower()
    try:
        data = base64.b64decode(re.sub(r"\s+", "", found.group(2)), validate=True)
    except (binascii.Error, ValueError):
        return None
    source = folder / f"{number}-in{_SUFFIX[kind]}"
    target = folder / f"{number}-out{_SUFFIX[kind]}"
    source.write_bytes(data)
    try:
        with open_image(source, max_megapixels=megapixels) as image:
            encode_clean(image, target, jpeg_quality, webp_quality)
    except ImageRefused:
        return None
    except Exception:  # a decoder or encoder failing on odd input: the image is left out
        return None
    return f"data:image/{kind};base64,{base64.b64encode(target.read_bytes()).decode('ascii')}"
