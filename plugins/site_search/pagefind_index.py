"""Run Pagefind over the written pages a reader searches: the index that the search page reads."""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faces_common.background import usable_cores
from faces_common.messages import catalog_text, messages_lang

from .kept_index import IndexedPages, KeptIndex, indexed_pages, pages_digest
from .messages import MESSAGES
from .pagefind_run import PagefindFailed, index_identity, index_pages, index_shard
from .shards import (
    MANIFEST,
    ORDER_FILE,
    planned_count,
    shard_members,
    shard_name,
    write_manifest,
)

logger = logging.getLogger(__name__)

# Pagefind runs at once over the shards of a sharded index (where the cores allow).
SHARDS_AT_ONCE = 2
# The settings entry of this build's runs started while it wrote (early_index.EarlyIndex).
EARLY = "_site_search_early_index"


@dataclass(frozen=True)
class IndexRun:
    """What the index stage did: Pagefind "indexed", the kept index "copied", or it "stays".

    A sharded index says what happened to each shard in `shards` (name -> what), and in `how`
    the most it did to any of them.
    """

    how: str
    seconds: float
    shards: dict[str, str] = field(default_factory=dict)


def write_index(settings: dict[str, Any]) -> float | None:
    """Index the written site; the seconds it took, or None after logging why it failed."""
    run = update_index(settings)
    return None if run is None else run.seconds


def update_index(settings: dict[str, Any]) -> IndexRun | None:
    """Bring the output's index up to date; what it did, or None after logging why it failed."""
    started = time.perf_counter()
    # The runs started while the build wrote: their shards are judged here like any other.
    early = settings.pop(EARLY, None)
    early_runs = early.wait() if early is not None else 0
    output = Path(settings["OUTPUT_PATH"]).resolve()
    bundle = output / settings["SEARCH_INDEX_FOLDER"]
    cache = settings.get("CACHE_PATH") or "cache"
    # An order an earlier build left in this output is void once the build makes the index.
    (output / ORDER_FILE).unlink(missing_ok=True)
    try:
        identity = index_identity(settings, output)
        pages = indexed_pages(output, bundle, identity)
        count = planned_count(settings, len(pages.relatives))
        if count == 1:
            how = bring_up_whole(settings, output, pages)
            KeptIndex(cache, output).keep_only({""})
            shards: dict[str, str] = {}
        else:
            shards = _update_shards(settings, output, bundle, pages, count, identity)
            how = max(shards.values(), key=HOW_MUCH.index)
    except ImportError:
        # No pagefind-bin package, or a package without its binary.
        report_failure(settings, "missing-binary")
        return None
    except (PagefindFailed, OSError, subprocess.TimeoutExpired) as error:
        report_failure(settings, "index-failed", reason=error)
        return None
    seconds = time.perf_counter() - started
    if shards:
        ran = sum(1 for did in shards.values() if did == "indexed")
        logger.info(
            "search: %d pages in %d shards, Pagefind indexed %d of them in %.2f s "
            "(after %d run(s) while the build wrote)",
            len(pages.relatives),
            len(shards),
            ran,
            seconds,
            early_runs,
        )
    else:
        logger.info(
            "search: %d pages, Pagefind index %s in %.2f s", len(pages.relatives), how, seconds
        )
    return IndexRun(how, seconds, shards)


# What the stage did to an index, from the least to the most work.
HOW_MUCH = ("stays", "copied", "indexed")


def _bring_up(kept: KeptIndex, digest: str, target: Path, write: Callable[[Path], None]) -> str:
    """Put the index of the pages of `digest` at `target`: as it is, from the kept one, or new."""
    if kept.digest() == digest and same_bundle(kept.bundle, target):
        kept.used()
        return "stays"
    if kept.digest() == digest:
        # A clean build emptied the output; the pages are those of the kept index.
        kept.copy_to(target)
        kept.used()
        return "copied"
    kept.forget()
    written = kept.new_bundle()
    try:
        write(written)
        kept.keep(written, digest)
    finally:
        shutil.rmtree(written, ignore_errors=True)
    kept.copy_to(target)
    return "indexed"


def _update_shards(
    settings: dict[str, Any],
    output: Path,
    bundle: Path,
    pages: IndexedPages,
    count: int,
    identity: bytes,
) -> dict[str, str]:
    """Bring every shard up to date, two Pagefind runs at a time; what each one did."""
    members = shard_members(pages.relatives, pages.page_digests, count)
    cache = settings.get("CACHE_PATH") or "cache"

    def bring_up(number: int) -> str:
        return bring_up_shard(settings, output, identity, (number, count), members[number])

    numbers = sorted(members)
    # One Pagefind run keeps about one core busy: two at once use both cores while the build
    # waits for nothing else, each run still holding one shard's words (its peak unchanged).
    at_once = min(SHARDS_AT_ONCE, usable_cores(), len(numbers))
    if at_once > 1:
        with ThreadPoolExecutor(at_once, thread_name_prefix="pagefind") as runs:
            done = list(runs.map(bring_up, numbers))
    else:
        done = [bring_up(number) for number in numbers]
    shards = {shard_name(number): how for number, how in zip(numbers, done, strict=True)}
    KeptIndex(cache, output).keep_only(set(shards))
    tidy_bundle(bundle, list(shards))
    return shards


def tidy_bundle(bundle: Path, names: list[str]) -> None:
    """Leave the shards `names` and their list in the index folder, nothing else."""
    bundle.mkdir(parents=True, exist_ok=True)
    # What an earlier build left: the whole index's files, shards of another count.
    for entry in bundle.iterdir():
        if entry.name in names or entry.name == MANIFEST:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    write_manifest(bundle, names)


def bring_up_whole(
    settings: dict[str, Any], output: Path, pages: IndexedPages, kept_for: Path | None = None
) -> str:
    """Put the one index of these pages (no shards) in the output; what it did.

    `kept_for` is the output folder the build wrote into, where the kept index is looked up.
    """
    kept = KeptIndex(settings.get("CACHE_PATH") or "cache", kept_for or output)
    bundle = output / settings["SEARCH_INDEX_FOLDER"]
    return _bring_up(
        kept, pages.digest, bundle, lambda new: index_pages(settings, output, pages, new)
    )


def bring_up_shard(
    settings: dict[str, Any],
    output: Path,
    identity: bytes,
    shard: tuple[int, int],
    members: list[tuple[str, bytes]],
    kept_for: Path | None = None,
) -> str:
    """Put shard (number, count) of these pages (address, digest) in the output; what it did."""
    name = shard_name(shard[0])
    digest = shard_digest(identity, shard, members)
    write = functools.partial(index_shard, settings, output, [relative for relative, _ in members])
    kept = KeptIndex(settings.get("CACHE_PATH") or "cache", kept_for or output, name)
    return _bring_up(kept, digest, output / settings["SEARCH_INDEX_FOLDER"] / name, write)


def shard_digest(identity: bytes, shard: tuple[int, int], members: list[tuple[str, bytes]]) -> str:
    """The digest a shard (number, count) of these pages (address, digest) is kept under."""
    number, count = shard
    return pages_digest(identity + f" {number}/{count}".encode(), members)


def same_bundle(kept: Path, bundle: Path) -> bool:
    """Whether the output already holds the kept index (its entry file names every part)."""
    try:
        entry = "pagefind-entry.json"
        same = (kept / entry).read_bytes() == (bundle / entry).read_bytes()
        return same and (bundle / "pagefind.js").is_file()
    except OSError:
        return False


def report_failure(settings: dict[str, Any], key: str, **values: object) -> None:
    """Log why the index could not be made, in the settings' report language."""
    message, fix = catalog_text(MESSAGES, messages_lang(settings), key, **values)
    # Not a content file's problem: the message names the setting that switches it off.
    logger.error("search: %s\n    → %s", message, fix)
