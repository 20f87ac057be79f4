"""Which shard of the search index a page belongs to, and the list the search page reads.

Pagefind keeps the words of every page it indexes until it writes the index (about 150 KiB
a page), so a large site is indexed in shards of at most SEARCH_SHARD_PAGES pages, one
Pagefind run after the other. A page's shard is a hash of its address: an edited or new post
changes one shard, and every shard holds a like share of posts and people, so the word
statistics each shard ranks by are those of the whole site. The number of shards is a power
of two and changes only when the site doubles.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import write_json

# The list of shard folders the search page opens, inside the index folder.
MANIFEST = "shards.json"

# The order a build with SEARCH_INDEX_ON_REQUEST leaves at the top of the output: the shards
# the preview server indexes after the build (index_order.py).
ORDER_FILE = "search-on-request.json"

# The settings entry where the search page's generator leaves the number of shards it told
# the search page about, so that the index written after the build has the same number.
PLANNED = "_site_search_planned_shards"

# Files of Pagefind's own search interfaces: the search page uses none of them, and every
# shard would carry a copy.
UNUSED_FILES = (
    "pagefind-component-ui.css",
    "pagefind-component-ui.js",
    "pagefind-highlight.js",
    "pagefind-modular-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-ui.css",
    "pagefind-ui.js",
)


def shard_count(pages: int, shard_pages: int) -> int:
    """How many shards `pages` indexed pages need: 1, or the least power of two that fits."""
    count = 1
    while pages > count * shard_pages:
        count *= 2
    return count


def shard_of(relative: str, count: int) -> int:
    """The shard (0 to count - 1) of the page at `relative`, the same in every build."""
    hashed = hashlib.blake2b(relative.encode(), digest_size=8).digest()
    return int.from_bytes(hashed, "big") % count


def shard_members(
    relatives: list[str], digests: tuple[bytes, ...], count: int
) -> dict[int, list[tuple[str, bytes]]]:
    """The pages (address, digest) of each of `count` shards, by shard number, in page order."""
    members: dict[int, list[tuple[str, bytes]]] = {}
    for relative, digest in zip(relatives, digests, strict=True):
        members.setdefault(shard_of(relative, count), []).append((relative, digest))
    return members


def shard_name(number: int) -> str:
    """The folder of shard `number` inside the index folder."""
    return f"shard-{number + 1:02d}"


def plan(settings: dict[str, Any], context: dict[str, Any], profiles_key: str) -> int:
    """Decide the number of shards from the posts and people the build writes; note it."""
    posts = context.get("articles") or []
    estimate = len(posts) + sum(len(getattr(post, "translations", ())) for post in posts)
    estimate += len(context.get(profiles_key) or {})
    count = shard_count(estimate, settings["SEARCH_SHARD_PAGES"])
    settings[PLANNED] = count
    return count


def planned_count(settings: dict[str, Any], pages: int) -> int:
    """The number of shards the search page was told of, or (no search page) what fits."""
    planned = settings.get(PLANNED)
    if isinstance(planned, int) and planned >= 1:
        return planned
    return shard_count(pages, settings["SEARCH_SHARD_PAGES"])


def write_manifest(bundle: Path, names: list[str]) -> None:
    """Write the list of shard folders (the first one's script opens the others)."""
    write_json(bundle / MANIFEST, [f"{name}/" for name in names], sort_keys=False)


def drop_unused_files(bundle: Path) -> None:
    """Remove the files of Pagefind's own interfaces from a shard's bundle."""
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
