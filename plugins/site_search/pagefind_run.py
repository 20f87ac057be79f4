"""Running the Pagefind program: its command line, what decides its index, one run."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .kept_index import IndexedPages, exact_glob, link_or_copy, page_glob
from .shards import drop_unused_files

logger = logging.getLogger(__name__)

# Pagefind's allocator (jemalloc, built with the _RJEM_ prefix) keeps freed pages for ten
# seconds by default; handing them back at once lowers its peak by an eighth (191 -> 166 MiB
# at 1,000 posts, CPU within the noise). A setting of the operator's own wins.
ALLOCATOR_SETTING = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0")
# The settings entry that runs Pagefind at the lowest priority (the preview server's index).
BACKGROUND = "_site_search_in_background"


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


def index_pages(settings: dict[str, Any], output: Path, pages: IndexedPages, written: Path) -> None:
    """Run Pagefind over the indexed pages alone into the folder `written`."""
    # Only the pages it indexes: Pagefind would read every list page to ignore it.
    glob = ["--glob", page_glob(pages.relatives)]
    run_pagefind([*pagefind_command(settings, output, written), *glob], settings)


def index_shard(
    settings: dict[str, Any], output: Path, relatives: list[str], written: Path
) -> None:
    """Run Pagefind over the shard's pages alone into `written`."""
    glob = exact_glob(relatives)
    if glob is not None:
        run_pagefind([*pagefind_command(settings, output, written), "--glob", glob], settings)
    else:
        # Names a glob would misread, or too many for one argument: a folder of links to them.
        site = Path(tempfile.mkdtemp(prefix="site-", dir=written.parent))
        try:
            for relative in relatives:
                target = site / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(str(output / relative), str(target))
            run_pagefind(pagefind_command(settings, site, written), settings)
        finally:
            shutil.rmtree(site, ignore_errors=True)
    drop_unused_files(written)


def run_pagefind(command: list[str], settings: dict[str, Any]) -> None:
    """Run Pagefind; PagefindFailed with the last line it said when it wrote no index."""
    environment = dict(os.environ)
    environment.setdefault(*ALLOCATOR_SETTING)
    # The preview server's index yields every core to the builds and to serving (os.nice only
    # lowers the child, before Pagefind starts its threads, which inherit it).
    lower = os.name == "posix" and settings.get(BACKGROUND) is True
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
        preexec_fn=functools.partial(os.nice, 19) if lower else None,
    )
    if completed.returncode != 0:
        said = (completed.stderr or completed.stdout).strip().splitlines()
        logger.debug("search: pagefind said:\n%s", completed.stdout + completed.stderr)
        raise PagefindFailed(said[-1] if said else completed.returncode)
