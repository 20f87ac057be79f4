"""Read every post and page of a site once, with what the checks need to know about each."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from faces_common.formats import MARKDOWN, format_of, load_source
from faces_common.formats import Source as Read
from faces_common.header import Field, Header
from faces_common.slugs import slug_for, slugify_title

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
    text: str
    header: Header
    read: Read = field(repr=False, compare=False)
    settings: Mapping[str, Any] = field(repr=False, compare=False)

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
        explicit = self.value("slug")
        if explicit:
            return explicit
        if self.settings["SLUGIFY_SOURCE"] == "basename":
            return slugify_title(self.path.stem, self.settings)
        return slug_for(self.value("title"), self.settings)

    @cached_property
    def body(self) -> tuple[list[Reference], list[Fence]]:
        """Images and links outside code, and the fenced blocks, of the body."""
        return scan_body(self.text, self.header.body_line)


# Texts already read, by absolute path: the text and what the content rules saw in it.
AlreadyRead = Mapping[str, tuple[str, Read]]


def read_sources(
    settings: Mapping[str, Any], already_read: AlreadyRead | None = None
) -> list[Source]:
    """Every post and page Pelican would read (ARTICLE_PATHS, PAGE_PATHS), sorted by path."""
    content = Path(settings["PATH"]).resolve()
    extensions = reader_extensions(settings)
    found: dict[Path, str] = {}
    for kind, folders in ((ARTICLE, settings["ARTICLE_PATHS"]), (PAGE, settings["PAGE_PATHS"])):
        for folder in folders:
            for path in _source_files(content / folder, extensions, settings["IGNORE_FILES"]):
                found.setdefault(path, kind)
    known = already_read or {}
    return [
        _read(path, kind, content, settings, known.get(str(path)))
        for path, kind in sorted(found.items())
    ]


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


def _read(
    path: Path,
    kind: str,
    content: Path,
    settings: Mapping[str, Any],
    known: tuple[str, Read] | None = None,
) -> Source:
    text, read = known or load_source(str(path), format_of(path.name) or MARKDOWN)
    return Source(
        path=path,
        # Named from the current folder, like every other problem report of the build.
        shown=os.path.relpath(path),
        relative=path.relative_to(content).as_posix(),
        kind=kind,
        text=text,
        header=read.header,
        read=read,
        settings=settings,
    )
