"""The whole check's answer, kept by the stamps of every file it can look at.

The findings memo (memo.py) spares reading unchanged files, but it is loaded whole: at 10,000
posts its findings took about 45 MiB in every build, also when no file had changed since the
last check. This memo keeps the check's answer itself beside a digest of the size and
modification time of every file under the content folders (posts, pages, profiles, photos,
images: all a check reads); while that digest and the findings memo's key (settings, current
folder, the checks' code) are the same, the answer is taken as it is.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from faces_common.problems import Problem

from .memo import _SETTLED_NS, UNREADABLE, _fingerprint, _keyed, store

ANSWER_FILE = Path("editorial", "check-answer.pickle")


class SiteStamps:
    """The digest of every file's path, size and modification time under the check's folders."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        stamps = hashlib.sha256()
        newest = 0
        for path in sorted(_files(_roots(settings))):
            try:
                found = os.stat(path)
            except OSError:
                continue  # gone while walking: the digest differs from the next run's anyway
            stamps.update(f"{path}\0{found.st_size}\0{found.st_mtime_ns}\n".encode())
            newest = max(newest, found.st_mtime_ns)
        self.digest = stamps.hexdigest()
        # File times come from a coarse clock: a file saved within the last seconds could be
        # saved again, same size, within the same tick. Such an answer is not kept.
        self.settled = time.time_ns() - newest >= _SETTLED_NS


class AnswerMemo:
    """The check's problems and file count for one settings fingerprint and one site digest."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.key = _fingerprint(settings)
        self.path = _keyed(Path(settings["CACHE_PATH"]) / ANSWER_FILE, self.key)

    def get(self, stamps: SiteStamps) -> tuple[list[Problem], int] | None:
        """The answer of a check over exactly these files, or None."""
        try:
            with open(self.path, "rb") as memo:
                key, digest, problems, files = pickle.load(memo)
        except UNREADABLE:
            return None  # none yet, or one from other code: the check runs
        if key != self.key or digest != stamps.digest or not isinstance(problems, list):
            return None
        return problems, int(files)

    def put(self, stamps: SiteStamps, problems: list[Problem], files: int) -> None:
        """Keep the answer (atomically; a failure only costs a full check next time)."""
        if not stamps.settled:
            self.path.unlink(missing_ok=True)
            return
        store(self.path, (self.key, stamps.digest, problems, files))


def _roots(settings: Mapping[str, Any]) -> list[str]:
    """The content folder and any folder the check reads outside it (profiles, paths by '..')."""
    content = os.path.realpath(settings["PATH"])
    folders = [
        *settings.get("ARTICLE_PATHS", []),
        *settings.get("PAGE_PATHS", []),
        *settings.get("STATIC_PATHS", []),
        settings.get("AUTHORS_DIR") or "authors",
    ]
    roots = [content]
    for folder in folders:
        root = os.path.realpath(os.path.join(content, folder))
        if not any(root == kept or root.startswith(kept + os.sep) for kept in roots):
            roots.append(root)
    return roots


def _files(roots: Iterable[str]) -> set[str]:
    """Every file under the roots, symlinked folders entered as Pelican's reader walk does."""
    found: set[str] = set()
    for root in roots:
        if os.path.isfile(root):
            found.add(root)
        for directory, _folders, names in os.walk(root, followlinks=True):
            found.update(os.path.join(directory, name) for name in names)
    return found
