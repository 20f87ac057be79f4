"""The pages Pagefind indexes, and the last index kept under CACHE_PATH for the next clean build.

A clean build empties the output folder, and with it the index; Pelican then writes the same
pages again. The index Pagefind made from those pages is kept in
`CACHE_PATH/site_search/<output>/`, keyed by a digest of every page Pagefind indexes and of how
it indexes them, and linked (or copied) into the fresh output instead of running Pagefind again.
A sharded index keeps each shard in `<output>/<shard>/`, keyed by the digest of its own pages.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import cast

# How many output folders keep an index: the preview's, `invoke build`'s, the publish build's
# and the intranet's; builds into throwaway folders (tests, benchmarks) push out the oldest,
# once unused for an hour (a build running beside this one may be copying it right now).
KEPT_OUTPUTS = 4
UNUSED_SECONDS = 3600

# A file or folder name that means itself in a glob.
SAFE_PART = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")

# The attribute the theme puts on what a reader searches (posts, active people). Once one page
# has it, Pagefind ignores every page without it; the theme writes it in lower case.
INDEX_MARK = b"data-pagefind-body"


@dataclass(frozen=True)
class IndexedPages:
    """The written pages Pagefind indexes (relative to the output) and a digest of them."""

    relatives: list[str]
    digest: str
    # Each page's own digest, in the order of `relatives`.
    page_digests: tuple[bytes, ...] = ()


def indexed_pages(output: Path, bundle: Path, identity: bytes) -> IndexedPages:
    """Find the pages Pagefind indexes and digest their bytes with Pagefind's identity."""
    unmarked: list[str] = []
    marked: list[tuple[str, bytes]] = []
    pages_read = _PageReader(output)
    for relative in html_files(output, bundle):
        data = pages_read(relative)
        # Only the marked pages are digested: once one page has the mark, the others are
        # Pagefind's to ignore (two thirds of the bytes at 1,000 posts: listings, the wall).
        if cast("bytes | bytearray", data.obj).find(INDEX_MARK, 0, data.nbytes) >= 0:
            marked.append((relative, page_digest(data)))
        else:
            unmarked.append(relative)
    # Without the mark anywhere, Pagefind indexes the body of every page.
    pages = marked or [(relative, page_digest(pages_read(relative))) for relative in unmarked]
    return IndexedPages(
        [relative for relative, _ in pages],
        pages_digest(identity, pages),
        tuple(page_digest for _, page_digest in pages),
    )


def html_files(output: Path, bundle: Path) -> list[str]:
    """The HTML files under `output` but outside `bundle`, relative, in the order of their paths."""
    root, skipped = str(output), str(bundle)
    found = []
    for folder, folders, names in os.walk(root):
        if folder == skipped:
            folders.clear()
            continue
        inside = folder[len(root) + 1 :].replace(os.sep, "/")
        prefix = inside + "/" if inside else ""
        found += [prefix + name for name in names if name.endswith(".html")]
    return sorted(found, key=path_order)


def path_order(relative: str) -> list[str]:
    """The sort key of a page: part by part, the order of sorted Path objects."""
    return relative.split("/")


class _PageReader:
    """Reads written pages one after the other into one buffer, a view of it per page.

    At 10,000 posts a bytes object per page (some tens of KiB each, 15,000 pages) left the C
    allocator holding about 12 MiB after the build had read them, at the build's peak
    (docs/benchmarks.md, session 11); one buffer, grown to the largest page, holds none.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.buffer = bytearray(1 << 16)

    def __call__(self, relative: str) -> memoryview:
        """The page's bytes, valid until the next call."""
        with open(os.path.join(self.output, relative), "rb", buffering=0) as page:
            size = os.fstat(page.fileno()).st_size
            if size >= len(self.buffer):
                self.buffer = bytearray(size + (size >> 2) + 1)
            view = memoryview(self.buffer)
            filled = 0
            while filled < len(view) and (got := page.readinto(view[filled:])):
                filled += got
            if filled == len(view):  # the page grew since it was measured: read it whole
                page.seek(0)
                return memoryview(page.read())
        return view[:filled]


def page_digest(data: bytes | memoryview) -> bytes:
    """The digest of one written page's bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


def pages_digest(identity: bytes, pages: list[tuple[str, bytes]]) -> str:
    """One digest of the pages (address and digest of each) and of how they are indexed."""
    digest = hashlib.blake2b(identity)
    for relative, page_digest in pages:
        digest.update(relative.encode() + b"\0" + page_digest)
    return digest.hexdigest()


def page_glob(relatives: list[str]) -> str:
    """A Pagefind --glob matching the given pages and few others: their folder, depth and name."""
    shapes = set()
    for relative in relatives:
        *folders, name = relative.split("/")
        if folders:
            folders = [_literal(folders[0]), *("*" for _ in folders[1:])]
        shapes.add("/".join([*folders, _literal(name, "*.html")]))
    # Pages of the same shape that lack the mark (an alumna's profile) are read and ignored.
    return "{" + ",".join(sorted(shapes)) + "}"


# Longest glob given to Pagefind as one argument: Linux refuses a single one past 128 KiB.
LONGEST_GLOB = 100_000


def exact_glob(relatives: list[str]) -> str | None:
    """A Pagefind --glob matching exactly these pages, or None where a name or length forbids."""
    if not all(SAFE_PART.fullmatch(part) for r in relatives for part in r.split("/")):
        return None
    glob = "{" + ",".join(relatives) + "}"
    return glob if len(glob) <= LONGEST_GLOB else None


def _literal(part: str, otherwise: str = "*") -> str:
    """The path part as it is, unless it holds a character that globs treat specially."""
    return part if SAFE_PART.fullmatch(part) else otherwise


class KeptIndex:
    """The last index written for one output folder, and the digest it was made from."""

    def __init__(self, cache_path: str, output: Path, shard: str = "") -> None:
        key = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
        # The indexes of every output folder, and this output's (whole, or its shards).
        self.outputs = Path(cache_path, "site_search")
        self.output_folder = self.outputs / key
        self.folder = self.output_folder / shard if shard else self.output_folder
        self.bundle = self.folder / "pagefind"
        self.digest_file = self.folder / "digest"

    def digest(self) -> str | None:
        """The digest of the pages the kept index was made from, or None if none is kept whole."""
        try:
            pages, entry = self.digest_file.read_text(encoding="ascii").split()
            # The output shares the kept files (hard links): an index written over them in
            # place (Pagefind run by hand on the output) must not pass for the kept one.
            return pages if entry == _entry_digest(self.bundle) else None
        except (OSError, ValueError):
            return None

    def forget(self) -> None:
        """Drop the digest first: an index half replaced is never taken for a whole one."""
        self.digest_file.unlink(missing_ok=True)

    def new_bundle(self) -> Path:
        """An empty folder for Pagefind to write the next index into."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="new-", dir=self.folder))

    def keep(self, written: Path, digest: str) -> None:
        """Make the freshly written index the kept one, made from the pages of `digest`."""
        self.forget()
        shutil.rmtree(self.bundle, ignore_errors=True)
        os.replace(written, self.bundle)
        self.digest_file.write_text(f"{digest} {_entry_digest(self.bundle)}", encoding="ascii")
        os.utime(self.output_folder)
        self.drop_others()

    def used(self) -> None:
        """Note that this index was used now: the least recently used are dropped first."""
        self.digest_file.touch()
        os.utime(self.output_folder)

    def keep_only(self, shards: set[str]) -> None:
        """Drop this output's kept indexes but those of `shards` ("" for the whole index)."""
        if "" not in shards:
            shutil.rmtree(self.output_folder / "pagefind", ignore_errors=True)
            (self.output_folder / "digest").unlink(missing_ok=True)
        for entry in self.output_folder.glob("shard-*"):
            if entry.name not in shards:
                shutil.rmtree(entry, ignore_errors=True)

    def drop_others(self) -> None:
        """Remove the indexes kept for other output folders, but for the most recently used."""
        others = [entry for entry in self.outputs.iterdir() if entry != self.output_folder]
        others.sort(key=last_used, reverse=True)
        unused_since = time.time() - UNUSED_SECONDS
        for entry in others[KEPT_OUTPUTS - 1 :]:
            if last_used(entry) > unused_since:
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)  # a digest file of an earlier version

    def copy_to(self, target: Path) -> None:
        """Replace the index in the output with the kept one (hard links where possible)."""
        shutil.rmtree(target, ignore_errors=True)
        # Nothing writes into these files in place: Pagefind writes each index into a new
        # folder, and a build replaces or deletes the output's files, so links are safe.
        shutil.copytree(self.bundle, target, copy_function=link_or_copy)


def last_used(entry: Path) -> float:
    """When the kept index was last used (or, while none is kept yet, its folder made)."""
    try:
        return max(path.stat().st_mtime for path in (entry, entry / "digest") if path.exists())
    except (OSError, ValueError):
        return 0.0


def link_or_copy(source: str, target: str) -> None:
    """Hard-link `source` to `target`, or copy it where links cannot be made."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _entry_digest(bundle: Path) -> str:
    """A digest of the index's entry file, which names the hashed files of every part."""
    return hashlib.blake2b(
        (bundle / "pagefind-entry.json").read_bytes(), digest_size=16
    ).hexdigest()
