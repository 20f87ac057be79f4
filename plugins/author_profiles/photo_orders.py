"""Photos made on request: the preview build checks each new photo, the preview server makes it.

Rendering a new 12-MP photo (four sizes, WebP and JPEG) costs about 90 ms of CPU, checking it
(photos.orders: the same refusals and warnings, at 1/8 scale) about a third. With
AUTHORS_PHOTOS_ON_REQUEST the build checks the photos its cache lacks, names their files (the
pages are the same as after a full render) and writes which cache entry each file comes from
into an orders file in the photos' folder; the preview server makes a photo, all its files at
once and into the same cache a publish build uses, the first time one of them is asked for.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from faces_common.background import usable_cores
from faces_common.jsonfiles import ordered_paths, read_orders, write_json

from .photos import PhotoNotMade, make_ordered_entry
from .portraits import Portrait

logger = logging.getLogger(__name__)

# In the photos' folder of the output, beside the files it orders.
ORDERS_FILE = "photos-on-request.json"
# The wall asks for all its photos at once: each is made once, different ones side by side,
# but no more at a time than there are cores (the server's 40 threads would only add memory:
# a 12-MP photo decoded at half scale holds about 10 MB while it is made).
_GUARD = threading.Lock()
_MAKING: dict[str, threading.Lock] = {}
_CORES = threading.BoundedSemaphore(usable_cores())


def write_orders(portraits: Iterable[Portrait], output: Path) -> set[str]:
    """Write an orders file per folder for the photos left to make; the output paths named."""
    by_folder: dict[str, dict[str, str]] = {}
    for portrait in portraits:
        if not portrait.ordered:
            continue
        for cached, relative in portrait.files:
            folder, name = relative.rpartition("/")[::2]
            by_folder.setdefault(folder, {})[name] = str(cached)
    written = set()
    for folder, orders in by_folder.items():
        # Replaced whole (atomically): the preview server may be reading the last one.
        write_json(output / folder / ORDERS_FILE, orders)
        prefix = f"{folder}/" if folder else ""
        written |= {f"{prefix}{ORDERS_FILE}", *(f"{prefix}{name}" for name in orders)}
    return written


def make_ordered_photo(output: Path, relative: str) -> bool:
    """Make the photo one of whose files is ordered at output/relative (all of them); made?"""
    path = PurePosixPath(relative.lstrip("/"))
    if not path.parts or ".." in path.parts or path.name == ORDERS_FILE:
        return False
    target = Path(output, path)
    orders = read_orders(target.with_name(ORDERS_FILE))
    cached = orders.get(path.name)
    if not isinstance(cached, str):
        return False
    entry = Path(cached).parent
    with _lock(entry.name):
        if target.is_file():
            return True  # made by the request that held the lock
        try:
            with _CORES:
                made = make_ordered_entry(entry)
            if made is None:
                raise PhotoNotMade(f"no order for {entry.name} in the photo cache; build again")
            for name, source in orders.items():
                if isinstance(source, str) and Path(source).parent == entry:
                    _link_or_copy(Path(source), target.with_name(name))
        except (PhotoNotMade, OSError) as exc:
            # A clear line in the preview's log and a 404; the page shows the photo's alt text.
            logger.warning("author_profiles: cannot make the photo %s (%s)", relative, exc)
            return False
    return True


def ordered_photos(output: Path) -> set[str]:
    """The output paths (relative, with /) of every photo file a build left for the preview."""
    return ordered_paths(output, ORDERS_FILE)


def _lock(key: str) -> threading.Lock:
    with _GUARD:
        return _MAKING.setdefault(key, threading.Lock())


def _link_or_copy(source: Path, target: Path) -> None:
    if target.is_file():
        return
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    # Renamed into place: a browser never gets a half-copied file.
    os.replace(tmp, target)
