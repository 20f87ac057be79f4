"""Pagefind started on each shard as soon as its pages are written, while the build goes on.

The pages the index holds (published posts, active people's profiles) are written well before
the build ends: the review page, the transparency pages, the other generators and the check
after the build follow them. So each shard's Pagefind run starts in a thread beside the build
once Pelican's writer has written every page expected in it, instead of after the build.

The index after the build stays the one judge: it digests the written pages as before and
finds such a shard's kept index up to date. A shard whose pages differ from those its early run
read (a page written again later, a marked page nobody expected) is indexed again there, and a
shard with a page never written starts there, so a wrong guess costs time, never a result.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from faces_common.background import usable_cores

from .kept_index import INDEX_MARK, indexed_pages, page_digest, path_order
from .pagefind_index import SHARDS_AT_ONCE, bring_up_shard, bring_up_whole
from .pagefind_run import index_identity
from .shards import shard_of

logger = logging.getLogger(__name__)


def expected_pages(context: dict[str, Any], profiles_key: str) -> set[str] | None:
    """The pages the theme marks for the index, relative to the output; None if unknowable."""
    pages = set()
    for key in ("articles", "translations"):
        for post in context.get(key) or ():
            # The theme marks a post's page only while the post is published.
            if getattr(post, "status", "") == "published" and getattr(post, "save_as", ""):
                pages.add(post.save_as)
    for profile in (context.get(profiles_key) or {}).values():
        if not getattr(profile, "is_active", False):
            continue
        url = getattr(profile, "url", None) or ""
        if not url.endswith("/") or "://" in url:
            return None  # a page address whose file cannot be told from it
        pages.add(url.lstrip("/") + "index.html")
    return pages


class EarlyIndex:
    """One build's shards, the pages each still waits for, and the Pagefind runs started."""

    def __init__(self, settings: dict[str, Any], pages: set[str], count: int) -> None:
        self.settings = settings
        self.output = Path(settings["OUTPUT_PATH"]).resolve()
        self.count = count
        # The forked writer shares the signals; the build process announces its pages again.
        self.pid = os.getpid()
        self.members: dict[int, list[str]] = {}
        self.waiting: dict[str, int] = {}
        for relative in pages:
            number = shard_of(relative, count) if count > 1 else 0
            self.members.setdefault(number, []).append(relative)
            # The path as Pelican's writer names the file it wrote (sanitised_join).
            self.waiting[os.path.abspath(os.path.join(settings["OUTPUT_PATH"], relative))] = number
        self.missing = {number: len(members) for number, members in self.members.items()}
        self.runs: ThreadPoolExecutor | None = None
        self.started: list[Future[str]] = []
        # Once the index after the build has waited: a page the kept build renders later (the
        # preview's worker) must start nothing.
        self.closed = False

    def written(self, path: str) -> None:
        """Note a written file; start its shard's run once the shard's last page is written."""
        if self.closed or os.getpid() != self.pid:
            return
        number = self.waiting.pop(path, None)
        if number is None:
            return
        self.missing[number] -= 1
        if self.missing[number] == 0:
            try:
                if self.runs is None:
                    at_once = max(1, min(SHARDS_AT_ONCE, usable_cores()))
                    self.runs = ThreadPoolExecutor(at_once, thread_name_prefix="pagefind-early")
                self.started.append(self.runs.submit(self._bring_up, number))
            except RuntimeError as error:
                # No thread to be had: the index after the build indexes this shard.
                logger.debug(
                    "search: shard %d left to the index after the build: %s", number, error
                )

    def _bring_up(self, number: int) -> str:
        identity = index_identity(self.settings, self.output)
        if self.count == 1:
            bundle = self.output / self.settings["SEARCH_INDEX_FOLDER"]
            return bring_up_whole(
                self.settings, self.output, indexed_pages(self.output, bundle, identity)
            )
        members = []
        # In the order the index after the build digests them: that of the sorted paths.
        for relative in sorted(self.members[number], key=path_order):
            data = (self.output / relative).read_bytes()
            if INDEX_MARK in data:
                members.append((relative, page_digest(data)))
        if not members:
            return "stays"  # nothing marked after all: the index after the build decides
        return bring_up_shard(self.settings, self.output, identity, (number, self.count), members)

    def wait(self) -> int:
        """Wait for the runs started; how many ended well (the rest are redone after the build)."""
        self.closed = True
        if self.runs is None:
            return 0
        self.runs.shutdown(wait=True)
        done = 0
        for run in self.started:
            try:
                run.result()
                done += 1
            # Any failure: the index after the build runs that shard again and reports it.
            except Exception as error:
                logger.debug(
                    "search: an early Pagefind run failed, run again after the build: %s", error
                )
        return done
