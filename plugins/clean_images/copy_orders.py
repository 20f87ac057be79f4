"""Cover copies made on request: the build leaves an order per copy, the preview makes it.

No reader of a local preview needs a cover's 480- or 800-pixel copy until a narrow window or a
card asks for it, and resizing and encoding them was about a sixth of a first preview build's
work. With CLEAN_IMAGES_COVER_COPIES_ON_REQUEST the build names the copies (the pages' `srcset`
lists them as always), links those the cache holds, and writes what each missing one is made
from into an orders file in its folder; the preview server makes a copy into the same cache a
publish build uses, the same way, the first time it is asked for.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from faces_common.jsonfiles import ordered_paths, read_orders, write_orders_files

from .clean import CleanSettings
from .clean_orders import make_ordered_clean, make_ordered_file, ordered_files, write_file_orders
from .covers import CoverCopy, cached_copy, link_copies, make_copies

logger = logging.getLogger(__name__)

# In the copies' folder of the output, beside the copies it orders.
ORDERS_FILE = "cover-copies-on-request.json"
# Two requests for copies of one cover (a page and its srcset) make them once.
_MAKING = threading.Lock()


class CopyOrders:
    """The copies one build links or orders, by output folder; orders written at the end."""

    def __init__(self, settings: CleanSettings, on_request: bool) -> None:
        self.settings, self.on_request = settings, on_request
        self.by_folder: dict[str, dict[str, Any]] = {}
        self.folders: set[str] = set()
        # Clean files checked, not made (CLEAN_IMAGES_ON_REQUEST): by output folder, then name.
        self.files: dict[str, dict[str, Any]] = {}
        self.file_folders: set[str] = set()

    def order_file(self, clean: Path, save_as: str, output: Path) -> None:
        """Order the clean file `clean` (not made yet) for output/save_as."""
        folder, name = save_as.rpartition("/")[::2]
        # An earlier build's file of another content must not stay published.
        (output / save_as).unlink(missing_ok=True)
        self.files.setdefault(folder, {})[name] = {"clean": str(clean)}

    def passed(self, save_as: str) -> None:
        """Note a folder with images, so that its last orders file goes when it has none."""
        self.file_folders.add(save_as.rpartition("/")[0])

    def publish(self, clean: Path, copies: Sequence[CoverCopy], output: Path) -> None:
        """Link the copies the cache holds; order the others on request (none are, otherwise)."""
        widths = sorted(copy.width for copy in copies)
        held = []
        for copy in copies:
            folder, name = copy.save_as.rpartition("/")[::2]
            self.folders.add(folder)
            if not self.on_request or cached_copy(clean, copy.width).is_file():
                held.append(copy)
                continue
            # Made from a clean file this build no longer links: it must not stay published.
            (output / copy.save_as).unlink(missing_ok=True)
            self.by_folder.setdefault(folder, {})[name] = {
                "clean": str(clean),
                # The widths from this one up: each copy is resized from the next larger one.
                "widths": [width for width in widths if width >= copy.width],
                "jpeg_quality": self.settings.jpeg_quality,
                "webp_quality": self.settings.webp_quality,
            }
        link_copies(clean, held, output)

    def write(self, output: Path) -> None:
        """Write an orders file per folder with orders; remove the one of a folder without."""
        write_orders(self.by_folder, self.folders, output)
        write_file_orders(self.files, self.file_folders, output)


def write_orders(
    by_folder: Mapping[str, Mapping[str, Any]], folders: Iterable[str], output: Path
) -> None:
    """Replace each folder's copy orders by its orders, or remove them where there are none."""
    write_orders_files(by_folder, folders, output, ORDERS_FILE)


def make_ordered_copy(output: Path, relative: str) -> bool:
    """Make the cover copy ordered at output/relative (into the cache, then there); made?"""
    order = _order_for(output, relative)
    if order is None:
        return False
    target = output / relative.lstrip("/")
    with _MAKING:
        if target.is_file():
            return True
        try:
            clean = Path(order["clean"])
            settings = CleanSettings(int(order["jpeg_quality"]), int(order["webp_quality"]))
            widths = [int(width) for width in order["widths"]]
            # The cover itself may be ordered too (CLEAN_IMAGES_ON_REQUEST): made first.
            if not make_ordered_clean(clean):
                raise OSError(f"no clean file {clean.name} and no order for it")
            make_copies(clean, widths, settings)
            link_copies(clean, [CoverCopy(widths[0], relative.lstrip("/"))], output)
        except (OSError, ValueError, TypeError, KeyError, IndexError) as exc:
            # The preview goes on; the browser falls back to the next size in the srcset.
            logger.warning("clean_images: cannot make the cover copy %s (%s)", relative, exc)
            return False
    return True


def ordered_copies(output: Path) -> set[str]:
    """The output paths (relative, with /) of every image (a copy, a clean file) left to make."""
    return ordered_paths(output, ORDERS_FILE) | ordered_files(output)


def make_ordered_image(output: Path, relative: str) -> bool:
    """Make the clean file or cover copy ordered at output/relative; made?"""
    return make_ordered_file(output, relative) or make_ordered_copy(output, relative)


def _order_for(output: Path, relative: str) -> dict[str, Any] | None:
    path = PurePosixPath(relative.lstrip("/"))
    if not path.parts or ".." in path.parts or path.name == ORDERS_FILE:
        return None
    found = read_orders(Path(output, path).with_name(ORDERS_FILE)).get(path.name)
    return found if isinstance(found, dict) else None
