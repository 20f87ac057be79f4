"""Read every post and page of a site once, with what the checks need to know about each."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from faces_common.formats import MARKDOWN, format_of, load_source
from faces_common.formats import Source as Read
from faces_common.header import Field, Header
from faces_common.slugs import slug_for, slugify_title

from .memo import FindingsMemo, stamp_of
from .scan import Fence, Reference, scan_body

ARTICLE = "article"
PAGE = "page"


@dataclass(frozen=True)
class Source:
    """One post or page of the site: where it is, its text, its header and its visible body."""

    path: Path
    shown: str
    relative: str
    kind: str
    header: Header
    settings: Mapping[str, Any] = field(repr=False, compare=False)
    # The text and what the content rules read of it; None: read from the file when asked.
    loaded: tuple[str, Read] | None = field(default=None, repr=False, compare=False)
    # From the findings memo of an unchanged file: what scanning the body and the slug gave.
    known_body: tuple[list[Reference], list[Fence]] | None = field(
        default=None, repr=False, compare=False
    )
    known_slug: str | None = field(default=None, repr=False, compare=False)
    # Size and modification time taken before the file was read here (None: read elsewhere,
    # by the build's readers, maybe before a later save, so not to be remembered by it).
    stamp: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def _text_and_read(self) -> tuple[str, Read]:
        return self.loaded or load_source(str(self.path), format_of(self.path.name) or MARKDOWN)

    @property
    def text(self) -> str:
        """The file's text."""
        return self._text_and_read[0]

    @property
    def read(self) -> Read:
        """What the content rules read of the file."""
        return self._text_and_read[1]

    @cached_property
    def fields(self) -> dict[str, Field]:
        """The first field of each (lower-case) name."""
        first: dict[str, Field] = {}
        for field_ in self.header.fields:
            first.setdefault(field_.key, field_)
        return first

    def value(self, key: str) -> str:
        """The first value of a (lower-case) field, or ''."""
        return self.header.value(key)

    @property
    def lang(self) -> str:
        """The language, as Pelican assigns it."""
        return self.value("lang") or self.settings["DEFAULT_LANG"]

    @property
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
        if self.known_slug is not None:
            return self.known_slug
        explicit = self.value("slug")
        if explicit:
            return explicit
        if self.settings["SLUGIFY_SOURCE"] == "basename":
            return slugify_title(self.path.stem, self.settings)
        return slug_for(self.value("title"), self.settings)

    @cached_property
    def body(self) -> tuple[list[Reference], list[Fence]]:
        """Images and links outside code, and the fenced blocks, of the body."""
        if self.known_body is not None:
            return self.known_body
        return scan_body(self.text, self.header.body_line)


# Texts already read, by absolute path: the text and what the content rules saw in it.
AlreadyRead = Mapping[str, tuple[str, Read]]


def read_sources(
    settings: Mapping[str, Any],
    already_read: AlreadyRead | None = None,
    memo: FindingsMemo | None = None,
) -> list[Source]:
    """Every post and page Pelican would read (ARTICLE_PATHS, PAGE_PATHS), sorted by path.

    A file the memo knows unchanged is not read: its Source carries the memo's findings.
    """
    content = Path(settings["PATH"]).resolve()
    extensions = reader_extensions(settings)
    found: dict[Path, str] = {}
    for kind, folders in ((ARTICLE, settings["ARTICLE_PATHS"]), (PAGE, settings["PAGE_PATHS"])):
        for folder in folders:
            for path in _source_files(content / folder, extensions, settings["IGNORE_FILES"]):
                found.setdefault(path, kind)
    known = already_read or {}
    # Problems name files from the current folder; relpath per file cost a second at 10,000.
    base = os.path.relpath(content)
    sources = []
    for path, kind in sorted(found.items()):
        relative = path.relative_to(content).as_posix()
        shown = os.path.normpath(os.path.join(base, relative))
        place = _Place(path, shown, relative, kind)
        stamp = stamp_of(str(path))
        findings = memo.get(str(path), stamp) if memo is not None else None
        if findings is not None:
            sources.append(
                Source(
                    *place,
                    header=findings.header,
                    settings=settings,
                    known_body=findings.body,
                    known_slug=findings.slug,
                    stamp=stamp,
                )
            )
        elif str(path) in known:
            text, read = known[str(path)]
            sources.append(
                Source(*place, header=read.header, settings=settings, loaded=(text, read))
            )
        else:
            sources.append(_read(place, settings, stamp))
    return sources


def reader_extensions(settings: Mapping[str, Any]) -> set[str]:
    """The file endings the build reads: those of Pelican's enabled readers we can check."""
    from pelican.readers import Readers

    return {ext for ext in Readers(dict(settings)).extensions if format_of(f"x.{ext}")}


def _source_files(folder: Path, extensions: set[str], ignores: list[str]) -> list[Path]:
    # The same walk as Pelican's Generator.get_files: ignored folders and files are skipped.
    if not folder.is_dir():
        return []
    files = []
    for directory, subdirectories, names in os.walk(folder, followlinks=True):
        subdirectories[:] = [
            d for d in subdirectories if not any(fnmatch.fnmatch(d, i) for i in ignores)
        ]
        files += [
            Path(directory, name)
            for name in names
            if os.path.splitext(name)[1][1:] in extensions
            and not any(fnmatch.fnmatch(name, i) for i in ignores)
        ]
    return files


class _Place(NamedTuple):
    """Where a source is: its path, how problems name it, its content-relative path, its kind."""

    path: Path
    shown: str
    relative: str
    kind: str


def _read(place: _Place, settings: Mapping[str, Any], stamp: tuple[int, int] | None) -> Source:
    text, read = load_source(str(place.path), format_of(place.path.name) or MARKDOWN)
    return Source(*place, header=read.header, settings=settings, loaded=(text, read), stamp=stamp)
