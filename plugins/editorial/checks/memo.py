"""What the checks found in each file alone, kept between runs: an unchanged file is not read again.

`invoke check` and every preview build (twice: the review page and the check after the build)
went through all sources, reading and parsing each. At 10,000 posts that is most of the check's
time. The findings of a file alone (its header, links and images as written, its own problems,
its polls) are kept in CACHE_PATH by the file's size and modification time; what depends on
other files (bylines against profiles, links between posts, images, duplicate addresses) is
checked afresh on every run from these findings. The memo is dropped whole when the settings,
the current folder (problems name files from it) or the checks' code change.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from faces_common.header import Header
from faces_common.problems import Problem

from .scan import Fence, Reference

# The memo's file inside CACHE_PATH.
MEMO_FILE = Path("editorial", "check-findings.pickle")
HINTS_FILE = Path("editorial", "hint-findings.pickle")
# Packages whose code decides what a file's findings are: a change to them drops the memo.
_RULE_PACKAGES = ("editorial", "content_checks", "faces_common", "idea_polls")
# A file younger than this is not remembered (nanoseconds).
_SETTLED_NS = 2_000_000_000


@dataclass(frozen=True)
class FileFindings:
    """What the checks found in one file without looking at any other."""

    stamp: tuple[int, int]  # size and modification time (ns) of the file when it was read
    header: Header
    body: tuple[list[Reference], list[Fence]]
    slug: str
    content: tuple[Problem, ...]  # content_checks' rules
    answers: tuple[Problem, ...]  # unanswered interview questions
    polls: tuple[tuple[str, int], ...]  # (poll id, line)
    poll_problems: tuple[Problem, ...]


def stamp_of(path: str) -> tuple[int, int] | None:
    """The size and modification time of a file, or None when it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


@dataclass(frozen=True)
class FileHints:
    """The writing hints of one file (hints/), which depend on nothing else either."""

    stamp: tuple[int, int]
    hints: tuple[Problem, ...]


Findings = TypeVar("Findings", FileFindings, FileHints)


class FindingsMemo(Generic[Findings]):
    """The findings of each file by absolute path, loaded from and saved to CACHE_PATH."""

    def __init__(self, settings: Mapping[str, Any], name: Path = MEMO_FILE) -> None:
        self.path = Path(settings["CACHE_PATH"]) / name
        self.key = _fingerprint(settings)
        self.entries: dict[str, Findings] = {}
        self.seen: set[str] = set()
        self.changed = False
        try:
            with open(self.path, "rb") as memo:
                key, entries = pickle.load(memo)
            if key == self.key and isinstance(entries, dict):
                self.entries = entries
        except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError, AttributeError):
            pass  # no memo yet, or one from other code: every file is read

    def get(self, path: str, stamp: tuple[int, int] | None) -> Findings | None:
        """The findings of an unchanged file, or None."""
        self.seen.add(path)
        found = self.entries.get(path)
        return found if found is not None and stamp is not None and found.stamp == stamp else None

    def put(self, path: str, findings: Findings) -> None:
        """Remember the findings of a file just read, unless it was saved a moment ago."""
        self.seen.add(path)
        # File times come from a coarse clock: a second save of the same size within its tick
        # would look unchanged. A file saved within the last seconds is read again next run.
        if time.time_ns() - findings.stamp[1] < _SETTLED_NS:
            self.entries.pop(path, None)
            return
        self.entries[path] = findings
        self.changed = True

    def save(self) -> None:
        """Write the memo back if it changed (atomically; a failure only costs time next run)."""
        gone = self.entries.keys() - self.seen
        if not self.changed and not gone:
            return
        kept = {path: found for path, found in self.entries.items() if path in self.seen}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(suffix=".tmp", dir=self.path.parent)
            with os.fdopen(handle, "wb") as out:
                pickle.dump((self.key, kept), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            pass


def _fingerprint(settings: Mapping[str, Any]) -> str:
    """A digest of what a file's findings depend on besides the file itself."""
    code = []
    for name in _RULE_PACKAGES:
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for path in sorted(Path(folder).rglob("*.py")):
                stat = path.stat()
                code.append((str(path), stat.st_size, stat.st_mtime_ns))
    plain = {**settings, "MARKDOWN": _as_read(settings.get("MARKDOWN") or {})}
    described = repr((_plain(plain), os.getcwd(), code))
    return hashlib.sha256(described.encode("utf-8", "replace")).hexdigest()


def _as_read(markdown: Mapping[str, Any]) -> dict[str, Any]:
    """MARKDOWN as Pelican's Markdown reader leaves it: it adds its extensions in place."""
    configs = dict(markdown.get("extension_configs") or {})
    extensions = set(markdown.get("extensions") or []) | set(configs)
    return {**markdown, "extensions": sorted(extensions | {"markdown.extensions.meta"})}


def _plain(value: Any) -> Any:
    """The value as nested plain data; objects by their type alone (their repr holds addresses)."""
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, Mapping):
        return sorted((str(key), _plain(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(repr(_plain(item)) for item in value)
    named = value if hasattr(value, "__qualname__") else type(value)
    return f"<{getattr(named, '__module__', '')}.{named.__qualname__}>"
