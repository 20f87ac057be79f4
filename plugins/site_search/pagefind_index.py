"""Run Pagefind over the written pages a reader searches: the index that the search page reads."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faces_common.background import usable_cores
from faces_common.messages import catalog_text, messages_lang

from .kept_index import (
    IndexedPages,
    KeptIndex,
    exact_glob,
    indexed_pages,
    link_or_copy,
    page_glob,
    pages_digest,
)
from .messages import MESSAGES
from .shards import MANIFEST, drop_unused_files, planned_count, shard_name, shard_of, write_manifest

logger = logging.getLogger(__name__)

# Pagefind's allocator (jemalloc, built with the _RJEM_ prefix) keeps freed pages for ten
# seconds by default; handing them back at once lowers its peak by an eighth (191 -> 166 MiB
# at 1,000 posts, CPU within the noise). A setting of the operator's own wins.
ALLOCATOR_SETTING = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0")
# Pagefind runs at once over the shards of a sharded index (where the cores allow).
SHARDS_AT_ONCE = 2
# The settings entry of this build's runs started while it wrote (early_index.EarlyIndex).
EARLY = "_site_search_early_index"


def pagefind_options(settings: dict[str, Any]) -> list[str]:
    """The options of the Pagefind command line that shape the index."""
    language = settings["SEARCH_LANGUAGE"]
    if language == "page":
        return []
    # One index for the whole site: every post is found from the one search page, in the
    # stemming of the site's language (pages of another language would sit in an index of
    # their own that this search page never reads).
    return ["--force-language", language or settings.get("DEFAULT_LANG") or "de"]


def pagefind_command(settings: dict[str, Any], site: Path, bundle: Path) -> list[str]:
    """The Pagefind command line that indexes the pages in `site` into `bundle`."""
    from pagefind_bin import get_executable  # type: ignore[import-untyped]

    command = [str(get_executable()), "--site", str(site), "--output-path", str(bundle)]
    return [*command, "--quiet", *pagefind_options(settings)]


def pagefind_identity(settings: dict[str, Any], executable: str) -> bytes:
    """What besides the pages decides the index: Pagefind's build and its options."""
    built = os.stat(executable)
    return repr((pagefind_options(settings), built.st_size, built.st_mtime_ns)).encode()


def index_identity(settings: dict[str, Any], output: Path) -> bytes:
    """Pagefind's identity for the index of `output`; ImportError where there is no binary."""
    executable = pagefind_command(settings, output, output)[0]
    if not os.path.isfile(executable):
        raise ImportError(executable)
    return pagefind_identity(settings, executable)


class PagefindFailed(Exception):
    """Pagefind ran and wrote no index; the last line it said is the reason."""


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
    lang = messages_lang(settings)
    started = time.perf_counter()
    # The runs started while the build wrote: their shards are judged here like any other.
    early = settings.pop(EARLY, None)
    early_runs = early.wait() if early is not None else 0
    output = Path(settings["OUTPUT_PATH"]).resolve()
    bundle = output / settings["SEARCH_INDEX_FOLDER"]
    cache = settings.get("CACHE_PATH") or "cache"
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
        message, fix = catalog_text(MESSAGES, lang, "missing-binary")
        _report(message, fix)
        return None
    except (PagefindFailed, OSError, subprocess.TimeoutExpired) as error:
        message, fix = catalog_text(MESSAGES, lang, "index-failed", reason=error)
        _report(message, fix)
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
    if kept.digest() == digest and _same_bundle(kept.bundle, target):
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
    members: dict[int, list[tuple[str, bytes]]] = {}
    for relative, page_digest in zip(pages.relatives, pages.page_digests, strict=True):
        members.setdefault(shard_of(relative, count), []).append((relative, page_digest))
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
    # What an earlier build left: the whole index's files, shards of another count.
    for entry in bundle.iterdir():
        if entry.name in shards or entry.name == MANIFEST:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    write_manifest(bundle, list(shards))
    return shards


def bring_up_whole(settings: dict[str, Any], output: Path, pages: IndexedPages) -> str:
    """Put the one index of these pages (no shards) in the output; what it did."""
    kept = KeptIndex(settings.get("CACHE_PATH") or "cache", output)
    bundle = output / settings["SEARCH_INDEX_FOLDER"]
    return _bring_up(kept, pages.digest, bundle, lambda new: _index(settings, output, pages, new))


def bring_up_shard(
    settings: dict[str, Any],
    output: Path,
    identity: bytes,
    shard: tuple[int, int],
    members: list[tuple[str, bytes]],
) -> str:
    """Put shard (number, count) of these pages (address, digest) in the output; what it did."""
    number, count = shard
    name = shard_name(number)
    digest = pages_digest(identity + f" {number}/{count}".encode(), members)
    write = functools.partial(_index_shard, settings, output, [relative for relative, _ in members])
    kept = KeptIndex(settings.get("CACHE_PATH") or "cache", output, name)
    return _bring_up(kept, digest, output / settings["SEARCH_INDEX_FOLDER"] / name, write)


def _index(settings: dict[str, Any], output: Path, pages: IndexedPages, written: Path) -> None:
    """Run Pagefind over the indexed pages alone into the folder `written`."""
    # Only the pages it indexes: Pagefind would read every list page to ignore it.
    glob = ["--glob", page_glob(pages.relatives)]
    _run_pagefind([*pagefind_command(settings, output, written), *glob])


def _index_shard(
    settings: dict[str, Any], output: Path, relatives: list[str], written: Path
) -> None:
    """Run Pagefind over the shard's pages alone into `written`."""
    glob = exact_glob(relatives)
    if glob is not None:
        _run_pagefind([*pagefind_command(settings, output, written), "--glob", glob])
    else:
        # Names a glob would misread, or too many for one argument: a folder of links to them.
        site = Path(tempfile.mkdtemp(prefix="site-", dir=written.parent))
        try:
            for relative in relatives:
                target = site / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(str(output / relative), str(target))
            _run_pagefind(pagefind_command(settings, site, written))
        finally:
            shutil.rmtree(site, ignore_errors=True)
    drop_unused_files(written)


def _run_pagefind(command: list[str]) -> None:
    """Run Pagefind; PagefindFailed with the last line it said when it wrote no index."""
    environment = dict(os.environ)
    environment.setdefault(*ALLOCATOR_SETTING)
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=600, env=environment
    )
    if completed.returncode != 0:
        said = (completed.stderr or completed.stdout).strip().splitlines()
        logger.debug("search: pagefind said:\n%s", completed.stdout + completed.stderr)
        raise PagefindFailed(said[-1] if said else completed.returncode)


def _same_bundle(kept: Path, bundle: Path) -> bool:
    """Whether the output already holds the kept index (its entry file names every part)."""
    try:
        entry = "pagefind-entry.json"
        same = (kept / entry).read_bytes() == (bundle / entry).read_bytes()
        return same and (bundle / "pagefind.js").is_file()
    except OSError:
        return False


def _report(message: str, fix: str) -> None:
    # Not a content file's problem: the message names the setting that switches it off.
    logger.error("search: %s\n    → %s", message, fix)
