"""The preview's output: full builds replace it from a fresh folder; digests tell what changed.

Building into a fresh folder is the one way to know exactly which files the latest build made:
pages come from Pelican's writer, but static files, photos, feeds, manifests and charts come from
several plugins, each writing on its own. Whatever the fresh build did not make (the pages of a
deleted, renamed, drafted or internal post, a listing page that is no longer needed) is gone
from the served folder afterwards. Changed files are moved in one at a time with os.replace, so
a page is always either the old or the new version, and the served folder itself never
disappears; unchanged files are left alone, and the fresh folder is deleted in the background,
so a full build costs about what building in place did (sample site: 0.74 s against 0.81 s).
The caches (Pelican's content cache, photos, cards) live outside the output and are kept.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterable

from faces_common.manifests import (
    PAGES_MANIFEST_VERSION,
    POLLS_MANIFEST_VERSION,
    PROFILES_MANIFEST_VERSION,
    THREADS_MANIFEST_VERSION,
)

# Written by the build when the site has polls or counts views; the backend needs them anyway.
# (folder, version, list): the three manifests that also say when they were built.
_DATED = (
    ("polls", POLLS_MANIFEST_VERSION, "polls"),
    ("reach", PAGES_MANIFEST_VERSION, "pages"),
    ("comments", THREADS_MANIFEST_VERSION, "threads"),
)
EMPTY_MANIFESTS: dict[str, dict[str, object]] = {
    **{
        os.path.join(folder, "manifest.json"): {"version": version, "generated": None, key: []}
        for folder, version, key in _DATED
    },
    os.path.join("stories", "manifest.json"): {
        "version": PROFILES_MANIFEST_VERSION,
        "profiles": [],
    },
}


class OutputState:
    """Digests of the written pages, to tell which ones a build really changed."""

    def __init__(self, output_path: str) -> None:
        self.output_path = output_path
        self.digests: dict[str, str] = {}

    def changed(self, relatives: Iterable[str] | None = None) -> list[str]:
        """URL paths of pages whose content differs from the last look (all, or the given)."""
        if relatives is None:
            pages: Iterable[tuple[str, str]] = self._pages()
        else:
            pages = [(r, os.path.join(self.output_path, r)) for r in relatives]
        changed = []
        seen = set()
        for relative, full in pages:
            try:
                with open(full, "rb") as page:
                    digest = hashlib.blake2b(page.read(), digest_size=16).hexdigest()
            except OSError:
                continue
            seen.add(relative)
            if self.digests.get(relative) != digest:
                self.digests[relative] = digest
                changed.append("/" + relative)
        if relatives is None:
            # A page the whole build no longer makes is gone: a browser showing it reloads.
            for relative in set(self.digests) - seen:
                del self.digests[relative]
                changed.append("/" + relative)
        return changed

    def _pages(self) -> Iterable[tuple[str, str]]:
        for folder, _, files in os.walk(self.output_path):
            for name in files:
                if name.endswith(".html"):
                    full = os.path.join(folder, name)
                    yield os.path.relpath(full, self.output_path).replace(os.sep, "/"), full


# Suffix of a folder on its way out (deleted in the background).
DISCARDED = ".old"


def staging_folder(output_path: str) -> str:
    """The folder next to the output that a full build writes to (same file system)."""
    return os.path.normpath(output_path) + "-preview-build"


def fresh_folder(path: str) -> str:
    """Empty the folder (left over from a failed build) and return it."""
    discard(path)
    os.makedirs(path)
    return path


def ensure_backend_manifests(folder: str) -> None:
    """Write an empty poll, reach, comment and story manifest where the build wrote none."""
    for relative, empty in EMPTY_MANIFESTS.items():
        path = os.path.join(folder, relative)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as manifest:
                json.dump(empty, manifest)


def publish(staging: str, output: str) -> None:
    """Make output hold exactly the files of staging; hidden top-level entries (.git) stay."""
    os.makedirs(output, exist_ok=True)
    made: set[str] = set()
    for folder, _, files in os.walk(staging):
        relative_folder = os.path.relpath(folder, staging)
        target_folder = os.path.normpath(os.path.join(output, relative_folder))
        _make_folder(target_folder, output)
        for name in files:
            source, target = os.path.join(folder, name), os.path.join(target_folder, name)
            made.add(os.path.normpath(os.path.join(relative_folder, name)))
            if _same_file_content(source, target):
                continue  # most files of a rebuild: no write, and the old mtime stays
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target)
            _move(source, target)
    _remove_unmade(output, made)
    discard(staging)


def discard(folder: str) -> None:
    """Remove a folder in the background, after moving it out of the way at once."""
    if not os.path.isdir(folder):
        return
    gone = f"{folder}-{uuid.uuid4().hex}{DISCARDED}"
    os.rename(folder, gone)
    threading.Thread(target=_remove_discarded, args=(folder,)).start()


def _remove_discarded(folder: str) -> None:
    """Delete every discarded copy of the folder (also those a stopped preview left)."""
    for gone in glob.glob(f"{glob.escape(folder)}-*{DISCARDED}"):
        shutil.rmtree(gone, ignore_errors=True)


def _same_file_content(source: str, target: str) -> bool:
    """Whether target is a regular file with the same bytes as source."""
    try:
        if not os.path.isfile(target) or os.path.islink(target):
            return False
        if os.path.getsize(source) != os.path.getsize(target):
            return False
        with open(source, "rb") as new, open(target, "rb") as old:
            return new.read() == old.read()
    except OSError:
        return False


def _move(source: str, target: str) -> None:
    """Replace target by source in one step; across file systems, copy then replace."""
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # The output folder is a mount of its own: copy next to the target, then replace.
        shutil.copy2(source, target + ".preview-new")
        os.replace(target + ".preview-new", target)


def _make_folder(folder: str, output: str) -> None:
    """Create the folder, replacing a file that stands where a folder now belongs."""
    if os.path.isdir(folder):
        return
    parent = folder
    while parent != output and not os.path.isdir(parent):
        if os.path.lexists(parent):
            os.remove(parent)
            break
        parent = os.path.dirname(parent)
    os.makedirs(folder, exist_ok=True)


def _remove_unmade(output: str, made: set[str]) -> None:
    """Delete files the build did not make, then the folders left empty."""
    folders_seen = []
    for folder, folders, files in os.walk(output, topdown=True):
        relative_folder = os.path.relpath(folder, output)
        if relative_folder == os.curdir:
            folders[:] = [name for name in folders if not name.startswith(".")]
            files = [name for name in files if not name.startswith(".")]
        else:
            folders_seen.append(folder)
        for name in files:
            if os.path.normpath(os.path.join(relative_folder, name)) not in made:
                os.remove(os.path.join(folder, name))
    for folder in reversed(folders_seen):  # the deepest first
        if not os.listdir(folder):
            os.rmdir(folder)
