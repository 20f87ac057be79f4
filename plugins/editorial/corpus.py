"""Read every post and page of a site once, with what the checks need to know about each."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from content_checks.header import Field, Header, parse_header

from .scan import Fence, Reference, scan_body

ARTICLE = "article"
PAGE = "page"
# The file endings Pelican's Markdown reader takes.
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


@dataclass(frozen=True)
class Source:
    """One Markdown file of the site: where it is, its text and its header."""

    path: Path
    shown: str
    relative: str
    kind: str
    text: str
    header: Header
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
        found = self.fields.get(key)
        return found.value if found else ""

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
            return slug_for(self.path.stem, self.settings)
        return slug_for(self.value("title"), self.settings)

    @cached_property
    def body(self) -> tuple[list[Reference], list[Fence]]:
        """Images and links outside code, and the fenced blocks, of the body."""
        return scan_body(self.text, self.header.body_line)


def slug_for(value: str, settings: Mapping[str, Any]) -> str:
    """The slug Pelican derives from a title or name with the site's settings."""
    from pelican.utils import slugify

    return str(
        slugify(
            value,
            regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
            preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
            use_unicode=settings["SLUGIFY_USE_UNICODE"],
        )
    )


def read_sources(settings: Mapping[str, Any]) -> list[Source]:
    """Every post and page under the settings' ARTICLE_PATHS and PAGE_PATHS, sorted by path."""
    content = Path(settings["PATH"]).resolve()
    found: dict[Path, str] = {}
    for kind, folders in ((ARTICLE, settings["ARTICLE_PATHS"]), (PAGE, settings["PAGE_PATHS"])):
        for folder in folders:
            for path in _markdown_files(content / folder):
                found.setdefault(path, kind)
    return [_read(path, kind, content, settings) for path, kind in sorted(found.items())]


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    files = []
    for directory, subdirectories, names in os.walk(folder):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
        files += [
            Path(directory, name)
            for name in names
            if name.endswith(MARKDOWN_EXTENSIONS) and not name.startswith(".")
        ]
    return files


def _read(path: Path, kind: str, content: Path, settings: Mapping[str, Any]) -> Source:
    text = path.read_text(encoding="utf-8-sig")
    return Source(
        path=path,
        # Named from the current folder, like every other problem report of the build.
        shown=os.path.relpath(path),
        relative=path.relative_to(content).as_posix(),
        kind=kind,
        text=text,
        header=parse_header(text),
        settings=settings,
    )
