"""What the checks found in each file alone, kept between runs: an unchanged file is not read again.

`invoke check` and every preview build (twice: the review page and the check after the build)
went through all sources, reading and parsing each. At 10,000 posts that is most of the check's
time. The findings of a file alone (its header, links and images as written, its own problems,
its polls) are kept in CACHE_PATH by the file's size and modification time; what depends on
other files (bylines against profiles, links between posts, images, duplicate addresses) is
checked afresh on every run from these findings. The same file keeps, in sections of their own,
the profiles as read (by the profile's and its photo's stamps) and the build's verdict on each
image (by the image's stamp). The memo is dropped whole when the settings, the current folder
(problems name files from it) or the checks' code change.

Entries are plain tuples (NamedTuples of strings, numbers and tuples): loading 10,000 findings
kept as dataclasses took 0.9 s, as tuples 0.1 s.
"""

from __future__ import annotations

import gc
import os
import pickle
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from faces_common.fingerprints import code_stamps, settings_digest
from faces_common.problems import Problem

from .scan import Fence, Reference

# The memo's file inside CACHE_PATH.
MEMO_FILE = Path("editorial", "check-findings.pickle")
HINTS_FILE = Path("editorial", "hint-findings.pickle")
# Packages whose code decides what a file's findings are: a change to them drops the memo.
_RULE_PACKAGES = (
    "editorial",
    "content_checks",
    "faces_common",
    "idea_polls",
    "author_profiles",
    "clean_images",
)
# Memo files kept per kind, one per fingerprint (settings and code), the newest ones.
_MEMOS_KEPT = 4
# A file younger than this is not remembered (nanoseconds).
_SETTLED_NS = 2_000_000_000
# Settings of how many processes read the files and write the pages: no file's findings
# depend on them.
_WRITING_ONLY = (
    "PARALLEL_WRITE_PROCESSES",
    "PARALLEL_WRITE_BALANCE",
    "PARALLEL_WRITE_FORK_MAX_POSTS",
    "PARALLEL_READ_PROCESSES",
    "PARALLEL_READ_MIN_FILES",
)
# What loading a kept pickle raises when it is missing, damaged or written by other code.
UNREADABLE = (
    OSError,
    ValueError,
    TypeError,
    EOFError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    LookupError,
)
# The sections of the memo file besides the files' own findings.
PROFILES = "profiles"
IMAGES = "images"

Stamp = tuple[int, int]
# A header as plain data: its fields as (lower-case key, name, value, line), the line where the
# body starts, and the stray lines.
HeaderRecord = tuple[tuple[tuple[str, str, str, int], ...], int, tuple[tuple[int, str], ...]]


@contextmanager
def cycles_left_alone() -> Iterator[None]:
    """Pause Python's cycle collector (as it was before afterwards) while many objects are made.

    Loading the memo and checking 10,000 files make hundreds of thousands of tuples, none in a
    cycle; the collector walked them all again and again (0.4 s of a 1.1 s check).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class FileFindings(NamedTuple):
    """What the checks found in one file without looking at any other."""

    stamp: Stamp  # size and modification time (ns) of the file when it was read
    header: HeaderRecord
    body: tuple[tuple[Reference, ...], tuple[Fence, ...]]
    slug: str
    content: tuple[Problem, ...]  # content_checks' rules
    answers: tuple[Problem, ...]  # unanswered interview questions
    polls: tuple[tuple[str, int], ...]  # (poll id, line)
    poll_problems: tuple[Problem, ...]


class FileHints(NamedTuple):
    """The writing hints of one file (hints/), which depend on nothing else either."""

    stamp: Stamp
    hints: tuple[Problem, ...]


Findings = TypeVar("Findings", bound=tuple[Any, ...])


class Section(Generic[Findings]):
    """Entries by path whose first item is the stamp they were made at; unused ones are dropped."""

    def __init__(self, entries: dict[str, Findings]) -> None:
        self.entries = entries
        self.seen: set[str] = set()
        self.changed = False

    def get(self, path: str, stamp: object) -> Findings | None:
        """The entry of an unchanged file, or None."""
        self.seen.add(path)
        found = self.entries.get(path)
        return found if found is not None and stamp is not None and found[0] == stamp else None

    def put(self, path: str, findings: Findings, newest_ns: int | None = None) -> None:
        """Remember an entry just made, unless a file it depends on was saved a moment ago.

        `newest_ns`: the latest modification time among those files (default: the stamp's).
        """
        self.seen.add(path)
        # File times come from a coarse clock: a second save of the same size within its tick
        # would look unchanged. A file saved within the last seconds is read again next run.
        newest = findings[0][1] if newest_ns is None else newest_ns
        if time.time_ns() - newest < _SETTLED_NS:
            self.entries.pop(path, None)
            return
        self.entries[path] = findings
        self.changed = True

    def kept(self) -> dict[str, Findings] | None:
        """The entries to save (those asked for in this run), or None when nothing changed."""
        if not self.changed and not (self.entries.keys() - self.seen):
            return None
        return {path: found for path, found in self.entries.items() if path in self.seen}


class FindingsMemo(Section[Findings]):
    """The findings of each file by absolute path, loaded from and saved to CACHE_PATH.

    The files' findings are the memo itself; `section(name)` holds other kinds of entries
    kept in the same file (PROFILES, IMAGES), loaded with it in one go.
    """

    def __init__(self, settings: Mapping[str, Any], name: Path = MEMO_FILE) -> None:
        self.key = _fingerprint(settings)
        # One file per fingerprint: the preview and the publish build differ in settings, and
        # one shared file made each of them check every source again after the other (at
        # 10,000 posts 180 MiB more memory and 8 s).
        self.path = _keyed(Path(settings["CACHE_PATH"]) / name, self.key)
        sections: dict[str, dict[str, Any]] = {}
        try:
            with open(self.path, "rb") as memo, cycles_left_alone():
                key, stored = pickle.load(memo)
            if key == self.key and isinstance(stored, dict):
                sections = stored
        except UNREADABLE:
            pass  # no memo yet, or one from other code: every file is read
        super().__init__(sections.pop("", {}))
        self.sections: dict[str, Section[Any]] = {
            name: Section(entries) for name, entries in sections.items()
        }

    def section(self, name: str) -> Section[Any]:
        """Entries of another kind kept in the same file (made empty on first use)."""
        return self.sections.setdefault(name, Section({}))

    def save(self) -> None:
        """Write the memo back if it changed (atomically; a failure only costs time next run)."""
        parts: dict[str, Section[Any]] = {"": self, **self.sections}
        kept = {name: part.kept() for name, part in parts.items()}
        if all(entries is None for entries in kept.values()):
            return
        stored = {
            name: part.entries if kept[name] is None else kept[name] for name, part in parts.items()
        }
        store(self.path, (self.key, stored))


def store(path: Path, kept: object) -> None:
    """Replace a memo file by `kept` (atomically) and drop its oldest siblings."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(kept, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        _drop_older(path)
    except OSError:
        pass  # a memo not written only means reading again next run


def _keyed(path: Path, key: str) -> Path:
    """The memo file of one fingerprint: its name carries the start of the key."""
    return path.with_name(f"{path.stem}-{key[:16]}{path.suffix}")


def _drop_older(kept: Path) -> None:
    """Remove memos of other fingerprints beyond the newest few (the preview, publish, intranet)."""
    stem = kept.stem.rsplit("-", 1)[0]
    others = [p for p in kept.parent.glob(f"{stem}-*{kept.suffix}") if p != kept]
    others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in others[_MEMOS_KEPT - 1 :]:
        old.unlink(missing_ok=True)
    kept.with_name(stem + kept.suffix).unlink(missing_ok=True)  # the single file of before


def _fingerprint(settings: Mapping[str, Any]) -> str:
    """A digest of what a file's findings depend on besides the file itself."""
    plain = {**settings, "MARKDOWN": _as_read(settings.get("MARKDOWN") or {})}
    return settings_digest(plain, _WRITING_ONLY, os.getcwd(), code_stamps(_RULE_PACKAGES))


def _as_read(markdown: Mapping[str, Any]) -> dict[str, Any]:
    """MARKDOWN as Pelican's Markdown reader leaves it: it adds its extensions in place."""
    configs = dict(markdown.get("extension_configs") or {})
    extensions = set(markdown.get("extensions") or []) | set(configs)
    return {**markdown, "extensions": sorted(extensions | {"markdown.extensions.meta"})}
