"""Run Pagefind over the written pages a reader searches: the index that the search page reads."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faces_common.messages import catalog_text, messages_lang

from .kept_index import IndexedPages, KeptIndex, indexed_pages, page_glob
from .messages import MESSAGES

logger = logging.getLogger(__name__)

# Pagefind's allocator (jemalloc, built with the _RJEM_ prefix) keeps freed pages for ten
# seconds by default; handing them back at once lowers its peak by an eighth (191 -> 166 MiB
# at 1,000 posts, CPU within the noise). A setting of the operator's own wins.
ALLOCATOR_SETTING = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0")


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


class PagefindFailed(Exception):
    """Pagefind ran and wrote no index; the last line it said is the reason."""


@dataclass(frozen=True)
class IndexRun:
    """What the index stage did: Pagefind "indexed", the kept index "copied", or it "stays"."""

    how: str
    seconds: float


def write_index(settings: dict[str, Any]) -> float | None:
    """Index the written site; the seconds it took, or None after logging why it failed."""
    run = update_index(settings)
    return None if run is None else run.seconds


def update_index(settings: dict[str, Any]) -> IndexRun | None:
    """Bring the output's index up to date; what it did, or None after logging why it failed."""
    lang = messages_lang(settings)
    started = time.perf_counter()
    output = Path(settings["OUTPUT_PATH"]).resolve()
    bundle = output / settings["SEARCH_INDEX_FOLDER"]
    kept = KeptIndex(settings.get("CACHE_PATH") or "cache", output)
    try:
        executable = pagefind_command(settings, output, bundle)[0]
        if not os.path.isfile(executable):
            raise ImportError(executable)
        pages = indexed_pages(output, bundle, pagefind_identity(settings, executable))
        if kept.digest() == pages.digest and _same_bundle(kept.bundle, bundle):
            kept.used()
            how = "stays"
        elif kept.digest() == pages.digest:
            # A clean build emptied the output; the pages are those of the kept index.
            kept.copy_to(bundle)
            kept.used()
            how = "copied"
        else:
            _index(settings, output, pages, kept)
            kept.copy_to(bundle)
            how = "indexed"
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
    logger.info("search: %d pages, Pagefind index %s in %.2f s", len(pages.relatives), how, seconds)
    return IndexRun(how, seconds)


def _index(settings: dict[str, Any], output: Path, pages: IndexedPages, kept: KeptIndex) -> None:
    """Run Pagefind over the indexed pages alone and keep what it wrote."""
    kept.forget()
    written = kept.new_bundle()
    try:
        # Only the pages it indexes: Pagefind would read every list page to ignore it.
        command = [
            *pagefind_command(settings, output, written),
            "--glob",
            page_glob(pages.relatives),
        ]
        environment = dict(os.environ)
        environment.setdefault(*ALLOCATOR_SETTING)
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=600, env=environment
        )
        if completed.returncode != 0:
            said = (completed.stderr or completed.stdout).strip().splitlines()
            logger.debug("search: pagefind said:\n%s", completed.stdout + completed.stderr)
            raise PagefindFailed(said[-1] if said else completed.returncode)
        kept.keep(written, pages.digest)
    finally:
        shutil.rmtree(written, ignore_errors=True)


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
