"""The pages Pagefind indexes, and the last index kept under CACHE_PATH for the next clean build.

A clean build empties the output folder, and with it the index; Pelican then writes the same
pages again. The index Pagefind made from those pages is kept in
`CACHE_PATH/site_search/<output>/`, keyed by a digest of every page Pagefind reads and of how
it reads them, and copied into the fresh output instead of running Pagefind again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# The attribute the theme puts on what a reader searches (posts, active people). Once one page
# has it, Pagefind ignores every page without it; the theme writes it in lower case.
INDEX_MARK = b"data-pagefind-body"


@dataclass(frozen=True)
class IndexedPages:
    """The written pages Pagefind indexes (relative to the output) and a digest of them."""

    relatives: list[str]
    digest: str


def indexed_pages(output: Path, bundle: Path, identity: bytes) -> IndexedPages:
    """Find the pages Pagefind indexes and digest their bytes with Pagefind's identity."""
    marked, every = hashlib.blake2b(identity), hashlib.blake2b(identity)
    marked_pages: list[str] = []
    every_page: list[str] = []
    for path in sorted(output.rglob("*.html")):
        if bundle in path.parents:
            continue
        data = path.read_bytes()
        relative = path.relative_to(output).as_posix()
        named = relative.encode() + b"\0" + len(data).to_bytes(8, "big")
        every.update(named)
        every.update(data)
        every_page.append(relative)
        if INDEX_MARK in data:
            marked.update(named)
            marked.update(data)
            marked_pages.append(relative)
    if marked_pages:
        return IndexedPages(marked_pages, marked.hexdigest())
    # Without the mark anywhere, Pagefind indexes the body of every page.
    return IndexedPages(every_page, every.hexdigest())


def staged_pages(output: Path, relatives: list[str], stage: Path) -> None:
    """Put the indexed pages (hard links where the file system allows) into an empty folder."""
    for relative in relatives:
        target = stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / relative, target)
        except OSError:
            shutil.copyfile(output / relative, target)


class KeptIndex:
    """The last index written for one output folder, and the digest it was made from."""

    def __init__(self, cache_path: str, output: Path) -> None:
        key = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
        self.folder = Path(cache_path, "site_search", key)
        self.bundle = self.folder / "pagefind"
        self.digest_file = self.folder / "digest"

    def digest(self) -> str | None:
        """The digest of the pages the kept index was made from, or None if none is kept."""
        if not (self.bundle / "pagefind-entry.json").is_file():
            return None
        try:
            return self.digest_file.read_text(encoding="ascii")
        except OSError:
            return None

    def forget(self) -> None:
        """Drop the digest first: an index half replaced is never taken for a whole one."""
        self.digest_file.unlink(missing_ok=True)

    def new_bundle(self) -> Path:
        """An empty folder for Pagefind to write the next index into."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="new-", dir=self.folder))

    def stage(self) -> tempfile.TemporaryDirectory[str]:
        """A temporary folder for the pages Pagefind reads, removed afterwards."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return tempfile.TemporaryDirectory(prefix="pages-", dir=self.folder)

    def keep(self, written: Path, digest: str) -> None:
        """Make the freshly written index the kept one, made from the pages of `digest`."""
        self.forget()
        shutil.rmtree(self.bundle, ignore_errors=True)
        os.replace(written, self.bundle)
        self.digest_file.write_text(digest, encoding="ascii")

    def copy_to(self, target: Path) -> None:
        """Replace the index in the output with a copy of the kept one."""
        shutil.rmtree(target, ignore_errors=True)
        # Copies, not links: nothing written into the output may reach the kept index.
        shutil.copytree(self.bundle, target, copy_function=shutil.copyfile)
