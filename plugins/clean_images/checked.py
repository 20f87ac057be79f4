"""A JPEG checked instead of re-encoded, and its order kept beside its future cache entry.

The preview (CLEAN_IMAGES_ON_REQUEST) does not need a post's picture until someone looks at it,
but its build must report what a publish build reports. check_jpeg() decodes the file at 1/8
scale (libjpeg still reads every coefficient, so damage and truncation are found), runs the
render's own steps (orientation, colour profile, the encoder with the file's tables) on the small
picture, and gives the size the clean file will have. Other formats have no cheaper decode in
Pillow, and for them the decode is most of the work: they are rendered as before.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faces_common.digests import file_stamp
from faces_common.jsonfiles import write_json

from .encode import FORMAT_BY_SUFFIX, encode_clean
from .verdict import JPEG_FORMATS, open_image_sized

_ORDER_SUFFIX = ".order.json"
_JPEG_START = b"\xff\xd8\xff"


@dataclass(frozen=True)
class Order:
    """What a check found: the clean file to make (its name in the cache) and its size."""

    source: Path
    file: str
    width: int
    height: int


def order_path(root: Path, key: str) -> Path:
    """Where the order of the cache entry `key` is kept."""
    return root / f"{key}{_ORDER_SUFFIX}"


def check_jpeg(
    source: Path, jpeg_quality: int, webp_quality: int, max_megapixels: float
) -> tuple[int, int] | None:
    """The clean file's size, or None where only a render can tell (not a JPEG, say).

    Raises what encode_job() would catch from a render of the same file.
    """
    if FORMAT_BY_SUFFIX.get(source.suffix.lower()) != "JPEG" or _head(source) != _JPEG_START:
        return None
    with open_image_sized(source, max_megapixels=max_megapixels, draft_side=1) as (image, size):
        if image.format not in JPEG_FORMATS:
            return None
        drafted = image.size
        # Encoded in memory: a scratch file (and its removal) cost more than the encoding.
        written = encode_clean(image, source, jpeg_quality, webp_quality, into=io.BytesIO())
    width, height = size
    if drafted[0] == drafted[1] and width != height:
        return None  # a turn would not show in the small picture's size
    turned = written == (drafted[1], drafted[0]) and drafted[0] != drafted[1]
    return (height, width) if turned else (width, height)


def _head(source: Path) -> bytes:
    try:
        with open(source, "rb") as handle:
            return handle.read(len(_JPEG_START))
    except OSError:
        return b""


def write_order(root: Path, key: str, order: Order, settings: dict[str, Any]) -> None:
    """Keep what the check found, and what the clean file is made from, for the preview."""
    # Without fsync: a lost or torn order only means the next build checks the image again.
    write_json(
        order_path(root, key),
        {
            "source": str(order.source),
            "stamp": file_stamp(str(order.source)),
            "file": order.file,
            "width": order.width,
            "height": order.height,
            "settings": settings,
        },
        durable=False,
    )


def read_order(root: Path, key: str, source: Path | None = None) -> tuple[Order, Any] | None:
    """The order of `key` and its settings if it was made from this very file (None: check)."""
    try:
        found = json.loads(order_path(root, key).read_text(encoding="utf-8"))
        order = Order(Path(found["source"]), str(found["file"]), found["width"], found["height"])
        stamp = found["stamp"]
        settings = found["settings"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(order.width, int) or not isinstance(order.height, int):
        return None
    if source is not None and (
        order.source != source or stamp != list(file_stamp(str(source)) or ())
    ):
        return None  # the same picture under another name, or the file changed: checked again
    return order, settings
