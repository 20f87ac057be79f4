"""Read every post and page of a site once, with what the checks need to know about each."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from faces_common.digests import file_stamp
from faces_common.formats import MARKDOWN, format_of, load_source
from faces_common.formats import Source as Read
from faces_common.header import Field, Header
from faces_common.problems import Problem
from faces_common.slugs import slug_for, slugify_title

from .memo import FileFindings, FindingsMemo, HeaderRecord, Stamp
from .scan import Fence, Reference, scan_body

ARTICLE = "article"
PAGE = "page"


@dataclass(frozen=True)
class Source:
    """One post or page of the site: where it is, its text, its header and its visible body."""

    file: str  # the absolute path
    shown: str
    relative: str
    kind: str
    settings: Mapping[str, Any] = field(repr=False, compare=False)
    # The text and what the content rules read of it; None: read from the file when asked.
    loaded: tuple[str, Read] | None = field(default=None, repr=False, compare=False)
    # The findings memo's entry of an unchanged file: its header, body and slug as scanned.
    known: FileFindings | None = field(default=None, repr=False, compare=False)
    # Size and modification time taken before the file was read here (None: read elsewhere,
    # by the build's readers, maybe before a later save, so not to be remembered by it).
    stamp: Stamp | None = field(default=None, repr=False, compare=False)
    # The content rules' problems as the build's reader found them (None: not checked there).
    found: tuple[Problem, ...] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def path(self) -> Path:
        """The absolute path."""
        return Path(self.file)

    @cached_property
    def _text_and_read(self) -> tuple[str, Read]:
        return self.loaded or load_source(self.file, format_of(self.file) or MARKDOWN)

    @property
    def text(self) -> str:
        """The file's text."""
        return self._text_and_read[0]

    @property
    def read(self) -> Read:
        """What the content rules read of the file."""
        return self._text_and_read[1]

    @cached_property
    def header(self) -> Header:
        """The header with line numbers."""
        if self.known is None:
            return self.read.header
        fields, body_line, stray = self.known.header
        return Header(
            [Field(name, value, line) for _, name, value, line in fields], body_line, list(stray)
        )

    @cached_property
    def record(self) -> HeaderRecord:
        """The header as plain data, as the findings memo keeps it."""
        if self.known is not None:
            return self.known.header
        header = self.read.header
        fields = tuple((f.key, f.name, f.value, f.line) for f in header.fields)
        return fields, header.body_line, tuple(header.stray_lines)

    @cached_property
    def _by_key(self) -> dict[str, list[tuple[str, str, str, int]]]:
        # Fields are made only when a check asks for them: 10,000 headers of ten fields each
        # took 0.15 s to make again from the memo, and most checks read two or three values.
        by_key: dict[str, list[tuple[str, str, str, int]]] = {}
        for entry in self.record[0]:
            by_key.setdefault(entry[0], []).append(entry)
        return by_key

    def all(self, key: str) -> list[Field]:
        """Every field with this (lower-case) key."""
        return [Field(name, value, line) for _, name, value, line in self._by_key.get(key, ())]

    def first(self, key: str) -> Field | None:
        """The first field with this (lower-case) key, if any."""
        found = self._by_key.get(key)
        return Field(found[0][1], found[0][2], found[0][3]) if found else None

    def value(self, key: str) -> str:
        """The first value of a (lower-case) field, or ''."""
        found = self._by_key.get(key)
        return found[0][2] if found else ""

    @cached_property
    def lang(self) -> str:
        """The language, as Pelican assigns it."""
        return self.value("lang") or self.settings["DEFAULT_LANG"]

    @cached_property
    def internal(self) -> bool:
        """Meant for the intranet only."""
        visibility = self.value("visibility") or self.settings["DEFAULT_METADATA"].get(
            "Visibility", "public"
        )
        # Without the visibility plugin nothing is left out, so nothing counts as internal.
        return visibility.strip().lower() in self.settings.get("VISIBILITY_INTERNAL_VALUES", ())

    @cached_property
    def slug(self) -> str:
        """The slug Pelican gives the file: Slug: if set, else from the title."""
        if self.known is not None:
            return self.known.slug
        explicit = self.value("slug")
        if explicit:
            return explicit
        if self.settings["SLUGIFY_SOURCE"] == "basename":
            return slugify_title(self.path.stem, self.settings)
        return slug_for(self.value("title"), self.settings)

    @cached_property
    def body(self) -> tuple[Sequence[Reference], Sequence[Fence]]:
        """Images and links outside code, and the fenced blocks, of the body."""
        if self.known is not None:
            return self.known.body
        return scan_body(self.text, self.header.body_line)


# Texts already read, by absolute path: the text and what the content rules saw in it, the
# file's stamp just before it was read, and the rules' problems with the kind the file was
# checked as (content_checks.read_in_this_build).
AlreadyRead = Mapping[
    str,
    tuple[str, Read]
    | tuple[str, Read, Stamp | None]
    | tuple[str, Read, Stamp | None, tuple[Problem, ...], str],
]


def read_sources(
    settings: Mapping[str, Any],
    already_read: AlreadyRead | None = None,
    memo: FindingsMemo[FileFindings] | None = None,
    only: Collection[str] | None = None,
) -> list[Source]:
    """Every post and page Pelican would read (ARTICLE_PATHS, PAGE_PATHS), sorted by path.

    A file the memo knows unchanged is not read: its Source carries the memo's findings.
    `only`: the absolute paths wanted (the others are left out).
    """
    content = os.path.realpath(settings["PATH"])
    extensions = reader_extensions(settings)
    found: dict[str, str] = {}
    for kind, folders in ((ARTICLE, settings["ARTICLE_PATHS"]), (PAGE, settings["PAGE_PATHS"])):
        for folder in folders:
            root = os.path.normpath(os.path.join(content, folder))
            for path in _source_files(root, extensions, settings["IGNORE_FILES"]):
                found.setdefault(path, kind)
    if only is not None:
        found = {path: kind for path, kind in found.items() if path in only}
    known = already_read or {}
    # Problems name files from the current folder; relpath per file cost a second at 10,000.
    base = os.path.relpath(content)
    cut = len(content) + 1
    sources = []
    # In the order of pathlib's paths (by their parts), which the checks have always used:
    # which of two posts with one address counts as the first depends on it.
    for path in sorted(found, key=_parts):
        relative = path[cut:].replace(os.sep, "/")
        place = _Place(path, os.path.normpath(os.path.join(base, relative)), relative, found[path])
        stamp = file_stamp(path)
        findings = memo.get(path, stamp) if memo is not None else None
        if findings is not None:
            sources.append(Source(*place, settings=settings, known=findings, stamp=stamp))
        elif path in known:
            text, read, *when = known[path]
            # Remembered only if the file is as it was when the build read it.
            settled = stamp if when and when[0] == stamp else None
            by_reader = _found_by_reader(when[1:], place)
            loaded = (text, read)
            sources.append(
                Source(*place, settings=settings, loaded=loaded, stamp=settled, found=by_reader)
            )
        else:
            loaded = load_source(path, format_of(path) or MARKDOWN)
            sources.append(Source(*place, settings=settings, loaded=loaded, stamp=stamp))
    return sources


def _found_by_reader(checked: Sequence[Any], place: _Place) -> tuple[Problem, ...] | None:
    """The reader's problems of a file, where it checked it as the same kind under the same name."""
    if len(checked) != 2:
        return None
    problems, kind = checked
    if kind != place.kind or any(problem.path != place.shown for problem in problems):
        return None
    return tuple(problems)


def reader_extensions(settings: Mapping[str, Any]) -> set[str]:
    """The file endings the build reads: those of Pelican's enabled readers we can check."""
    from pelican.readers import Readers

    return {ext for ext in Readers(dict(settings)).extensions if format_of(f"x.{ext}")}


def _source_files(folder: str, extensions: set[str], ignores: list[str]) -> list[str]:
    # The same walk as Pelican's Generator.get_files: ignored folders and files are skipped.
    if not os.path.isdir(folder):
        return []
    files = []
    for directory, subdirectories, names in os.walk(folder, followlinks=True):
        subdirectories[:] = [
            d for d in subdirectories if not any(fnmatch.fnmatch(d, i) for i in ignores)
        ]
        files += [
            os.path.join(directory, name)
            for name in names
            if os.path.splitext(name)[1][1:] in extensions
            and not any(fnmatch.fnmatch(name, i) for i in ignores)
        ]
    return files


def _parts(path: str) -> list[str]:
    return path.split(os.sep)


class _Place(NamedTuple):
    """Where a source is: its path, how problems name it, its content-relative path, its kind."""

    file: str
    shown: str
    relative: str
    kind: str
