"""Clean files made on request: the preview build orders them, the preview server makes them.

With CLEAN_IMAGES_ON_REQUEST a preview build checks a JPEG its cache lacks (checked.py) instead
of re-encoding it, reports what the check found, and names the file in an orders file in its
output folder. The first request for it makes the clean file into the cache a publish build
reads, exactly as the build would have (encode_job), and links it into the output.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from faces_common.digests import file_stamp, read_digest
from faces_common.jsonfiles import ordered_paths, read_orders, write_orders_files

from .checked import read_order
from .clean import CleanSettings, encode_job, recipe_key
from .verdict import ImageLimits

logger = logging.getLogger(__name__)

# In the image's folder of the output, beside the files it orders.
FILE_ORDERS = "images-on-request.json"
# A page and its cover's copies asked for at once make the clean file once.
_MAKING = threading.Lock()


def make_ordered_clean(clean: Path) -> bool:
    """Make the clean file `clean` of the cache from its order if it is not there; there now?"""
    with _MAKING:
        if clean.is_file():
            return True
        root, key = clean.parent, clean.stem
        found = read_order(root, key)
        if found is None:
            return False
        order, made_with = found
        try:
            settings = CleanSettings(
                int(made_with["jpeg_quality"]),
                int(made_with["webp_quality"]),
                ImageLimits(max_megapixels=float(made_with["max_megapixels"])),
            )
        except (KeyError, TypeError, ValueError):
            logger.warning("clean_images: the order of %s is damaged; build again", clean.name)
            return False
        if not _same_content(order.source, clean.suffix, settings, key):
            logger.warning("clean_images: %s changed since the build; build again", order.source)
            return False
        result = encode_job(order.source, root, key, settings)
        if result.clean is None:
            logger.warning("clean_images: %s cannot be made (%s)", order.source, result.issues)
        return result.clean is not None


def _same_content(source: Path, suffix: str, settings: CleanSettings, key: str) -> bool:
    if file_stamp(str(source)) is None:
        return False
    try:
        return recipe_key(read_digest(source), suffix, settings) == key
    except OSError:
        return False


def write_file_orders(
    by_folder: Mapping[str, Mapping[str, Any]], folders: Iterable[str], output: Path
) -> None:
    """Replace each folder's clean-file orders, or remove them where there are none."""
    write_orders_files(by_folder, folders, output, FILE_ORDERS)


def make_ordered_file(output: Path, relative: str) -> bool:
    """Make the clean file ordered at output/relative (into the cache, then there); made?"""
    path = PurePosixPath(relative.lstrip("/"))
    if not path.parts or ".." in path.parts or path.name == FILE_ORDERS:
        return False
    order = read_orders(Path(output, path).with_name(FILE_ORDERS)).get(path.name)
    if not isinstance(order, dict) or not isinstance(order.get("clean"), str):
        return False
    clean = Path(order["clean"])
    if not make_ordered_clean(clean):
        return False
    target = Path(output, path)
    try:
        if not target.is_file():
            target.hardlink_to(clean)
    except FileExistsError:
        pass  # made by another request meanwhile
    except OSError:
        target.write_bytes(clean.read_bytes())
    return True


def ordered_files(output: Path) -> set[str]:
    """The output paths (relative, with /) of every clean file a build left to make."""
    return ordered_paths(output, FILE_ORDERS)
