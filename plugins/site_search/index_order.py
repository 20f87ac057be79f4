"""The preview's search index: ordered by the build, made by the preview server right after it.

With SEARCH_INDEX_ON_REQUEST a full build runs no Pagefind. Once it has written the pages, it
digests those Pagefind indexes (as the index after the build does), links each shard whose kept
index was made from the same pages into the output, and writes an order for the others
(ORDER_FILE at the top of the output): what Pagefind needs of the settings, the output folder
the kept indexes belong to, and each ordered shard's pages with their digests. The preview server
makes the order after the build (`make_ordered_index`), Pagefind at the lowest priority, and
keeps each shard for the next build: an edit's full build orders only the shards it changed.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from faces_common.background import usable_cores
from faces_common.jsonfiles import read_orders, write_json

from .kept_index import IndexedPages, KeptIndex, indexed_pages, pages_digest
from .pagefind_index import (
    HOW_MUCH,
    SHARDS_AT_ONCE,
    IndexRun,
    bring_up_shard,
    bring_up_whole,
    report_failure,
    same_bundle,
    shard_digest,
    tidy_bundle,
)
from .pagefind_run import BACKGROUND, PagefindFailed, index_identity
from .shards import ORDER_FILE, planned_count, shard_members, shard_name

logger = logging.getLogger(__name__)

# What a change of the order's shape must void: an order of another version is made by no one.
ORDER_VERSION = 1
# The settings Pagefind's runs read (pagefind_index), handed to the preview server in the order.
INDEX_SETTINGS = ("SEARCH_INDEX_FOLDER", "SEARCH_LANGUAGE", "DEFAULT_LANG", "MESSAGES_LANG")
# The whole index (no shards) in the order's list of shards.
WHOLE = ""


def order_index(settings: dict[str, Any]) -> IndexRun | None:
    """Link the up-to-date shards and order the others; what it did, or None (logged why)."""
    started = time.perf_counter()
    output = Path(settings["OUTPUT_PATH"]).resolve()
    bundle = output / settings["SEARCH_INDEX_FOLDER"]
    cache = settings.get("CACHE_PATH") or "cache"
    try:
        identity = index_identity(settings, output)
        pages = indexed_pages(output, bundle, identity)
        count = planned_count(settings, len(pages.relatives))
        members = shard_members(pages.relatives, pages.page_digests, count)
        if count == 1:
            shards = {WHOLE: _kept_or_ordered(KeptIndex(cache, output), pages.digest, bundle)}
        else:
            shards = {
                shard_name(number): _kept_or_ordered(
                    KeptIndex(cache, output, shard_name(number)),
                    shard_digest(identity, (number, count), members[number]),
                    bundle / shard_name(number),
                )
                for number in sorted(members)
            }
            tidy_bundle(bundle, list(shards))
        KeptIndex(cache, output).keep_only(set(shards))
        ordered = {
            name: {"number": number, "pages": [[r, d.hex()] for r, d in members.get(number, [])]}
            for number, name in _numbered(shards, count)
            if shards[name] == "ordered"
        }
        _write_order(settings, output, Path(cache).resolve(), count, ordered)
    except ImportError:
        report_failure(settings, "missing-binary")
        return None
    except OSError as error:
        report_failure(settings, "index-failed", reason=error)
        return None
    seconds = time.perf_counter() - started
    logger.info(
        "search: %d pages in %d shard(s), %d ordered for the preview server in %.2f s",
        len(pages.relatives),
        len(shards),
        len(ordered),
        seconds,
    )
    return IndexRun(max(shards.values(), key=ORDER_HOW_MUCH.index), seconds, shards)


# What ordering did to an index, from the least to the most work left.
ORDER_HOW_MUCH = ("stays", "copied", "ordered")


def _kept_or_ordered(kept: KeptIndex, digest: str, target: Path) -> str:
    """Put the kept index of these pages at `target` if there is one; else clear it: "ordered"."""
    if kept.digest() == digest:
        if same_bundle(kept.bundle, target):
            kept.used()
            return "stays"
        kept.copy_to(target)
        kept.used()
        return "copied"
    # An index of other pages (a build in place over an older output) must not be searched.
    shutil.rmtree(target, ignore_errors=True)
    return "ordered"


def _numbered(shards: dict[str, str], count: int) -> list[tuple[int, str]]:
    """(number, name) of each shard: the whole index is number 0."""
    if count == 1:
        return [(0, WHOLE)]
    return [(int(name.removeprefix("shard-")) - 1, name) for name in shards]


def _write_order(
    settings: dict[str, Any],
    output: Path,
    cache: Path,
    count: int,
    ordered: dict[str, dict[str, Any]],
) -> None:
    """Write the order, or remove an earlier one when every shard is up to date."""
    path = output / ORDER_FILE
    if not ordered:
        path.unlink(missing_ok=True)
        return
    order = {
        "version": ORDER_VERSION,
        # The kept indexes belong to the folder the build wrote into (the preview's build
        # folder), whatever folder serves the pages afterwards.
        "kept_for": str(output),
        "settings": {
            **{key: settings.get(key) for key in INDEX_SETTINGS},
            "CACHE_PATH": str(cache),
        },
        "count": count,
        "shards": ordered,
    }
    write_json(path, order)


def ordered_index(output: Path) -> str | None:
    """The index folder the last build in `output` ordered, or None when nothing is ordered."""
    order = read_orders(output / ORDER_FILE)
    folder = (order.get("settings") or {}).get("SEARCH_INDEX_FOLDER")
    return folder if order.get("version") == ORDER_VERSION and isinstance(folder, str) else None


def make_ordered_index(output: Path) -> IndexRun | None:
    """Make the index the last build in `output` ordered; None when none is (or it failed)."""
    path = output / ORDER_FILE
    try:
        text = path.read_bytes()
    except OSError:
        return None
    order = read_orders(path)
    if ordered_index(output) is None:
        return None
    started = time.perf_counter()
    settings: dict[str, Any] = {**order["settings"], BACKGROUND: True}
    kept_for, count = Path(order["kept_for"]), int(order["count"])
    shards: dict[str, dict[str, Any]] = order["shards"]
    try:
        identity = index_identity(settings, output)

        def make(name: str) -> str:
            members = [(relative, bytes.fromhex(h)) for relative, h in shards[name]["pages"]]
            if name == WHOLE:
                pages = IndexedPages(
                    [relative for relative, _ in members],
                    pages_digest(identity, members),
                    tuple(digest for _, digest in members),
                )
                return bring_up_whole(settings, output, pages, kept_for)
            shard = (int(shards[name]["number"]), count)
            return bring_up_shard(settings, output, identity, shard, members, kept_for)

        names = sorted(shards)
        at_once = max(1, min(SHARDS_AT_ONCE, usable_cores(), len(names)))
        with ThreadPoolExecutor(at_once, thread_name_prefix="pagefind-ordered") as runs:
            done = dict(zip(names, runs.map(make, names), strict=True))
    except ImportError:
        report_failure(settings, "missing-binary")
        return None
    except (PagefindFailed, OSError, subprocess.TimeoutExpired) as error:
        report_failure(settings, "index-failed", reason=error)
        return None
    _close_order(path, text)
    seconds = time.perf_counter() - started
    logger.info("search: the ordered index made (%d shard(s)) in %.2f s", len(done), seconds)
    return IndexRun(max(done.values(), key=HOW_MUCH.index), seconds, done)


def _close_order(path: Path, made: bytes) -> None:
    """Remove the order just made, unless a newer build has left another one meanwhile."""
    try:
        if path.read_bytes() == made:
            os.unlink(path)
    except OSError:
        pass
