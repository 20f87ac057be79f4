"""Readers that check a file with the content rules first and keep a broken file out."""

from __future__ import annotations

import functools
import logging
import os
import sys
from typing import Any

from faces_common.digests import file_stamp
from faces_common.formats import Source, format_of, load_source
from faces_common.problems import ERROR, Problem, log_problems
from faces_common.slugs import slug_for
from markdown import Markdown
from pelican.readers import BaseReader, MarkdownReader
from pelican.utils import pelican_open

from .messages import text
from .rules import check_source

logger = logging.getLogger(__name__)
# What the readers read in the current build, by absolute path: the text, what the rules saw in
# it, the file's size and time just before it was read, and what the rules found in it (the
# problems, the kind they checked it as); the checks that run once the build has read
# everything use it instead of the disk and the rules (and remember it when the file is
# unchanged).
ReadEntry = tuple[str, Source, tuple[int, int] | None, tuple[Problem, ...], str]
_read_in_this_build: dict[str, ReadEntry] = {}


def read_in_this_build() -> dict[str, ReadEntry]:
    """The sources the readers have read since the build began, by absolute path."""
    return _read_in_this_build


def forget_reads() -> None:
    """Start a new build: what an earlier build read may have changed since."""
    _read_in_this_build.clear()


def report(problems: list[Problem]) -> None:
    """Log each problem once, errors as errors and the rest as warnings."""
    log_problems(problems, logger)


class ContentError(ValueError):
    """A content file has errors that keep it out of the build; they are reported already."""


class ReportedOnce(logging.Filter):
    """Drop Pelican's 'Could not process' for files already explained; name the error otherwise."""

    def __init__(self, content_path: str, lang: str) -> None:
        super().__init__()
        self.content_path = content_path
        self.lang = lang

    def filter(self, record: logging.LogRecord) -> bool:
        """False for what the rules report themselves; otherwise the record, in plain words."""
        # The duplicate-address rule reports these with file, line and fix. (Two originals
        # in different languages where languages have addresses of their own are harmless.)
        if str(record.msg).startswith(("There are %s items ", "There are %s original ")):
            return False
        if record.msg != "Could not process %s" or not isinstance(record.args, tuple):
            return True
        # Pelican logs this inside its `except` block, so the exception is still at hand.
        error = sys.exc_info()[1]
        if isinstance(error, ContentError):
            return False
        if error is not None and not record.exc_info:
            path = os.path.relpath(os.path.join(self.content_path, str(record.args[0])))
            message, fix = text(self.lang, "unreadable", error=f"{type(error).__name__}: {error}")
            record.msg, record.args = "%s", (Problem(path, 1, message, fix).format(),)
        return True


def filter_reported(pelican: Any) -> None:
    """Keep Pelican from repeating, without file or reason, what the rules reported."""
    settings = pelican.settings
    for name in ("pelican.generators", "pelican.utils"):
        log = logging.getLogger(name)
        for old in [f for f in log.filters if isinstance(f, ReportedOnce)]:
            log.removeFilter(old)
        log.addFilter(ReportedOnce(settings["PATH"], settings["MESSAGES_LANG"]))


def check_file(source_path: str, settings: dict[str, Any]) -> list[Problem]:
    """Every problem the rules find in one post or page; [] for other files."""
    kind = kind_of(source_path, settings)
    format_ = format_of(source_path)
    if kind is None or format_ is None:
        return []
    stamp = file_stamp(source_path)  # before reading: a later save gives the file another
    text_, source = load_source(source_path, format_)
    problems = check_source(source, os.path.relpath(source_path, os.getcwd()), settings, kind)
    # Kept for the check after reading, which ran the same rules on every file a second time
    # (most files have no problem: the one empty tuple is shared).
    found = tuple(problems)
    _read_in_this_build[os.path.realpath(source_path)] = (text_, source, stamp, found, kind)
    return problems


def kind_of(source_path: str, settings: dict[str, Any]) -> str | None:
    """'article' or 'page' by the folder a file lies in, None elsewhere."""
    content = os.path.abspath(settings["PATH"])
    relative = os.path.relpath(os.path.abspath(source_path), content)
    top = relative.split(os.sep, 1)[0]
    if top in settings["ARTICLE_PATHS"]:
        return "article"
    if top in settings["PAGE_PATHS"]:
        return "page"
    return None


class _Checked:
    """Mixed in before a Pelican reader: the rules first, then the reader; a capped slug."""

    settings: dict[str, Any]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Read the file, or raise ContentError when the rules find errors in it."""
        problems = check_file(source_path, self.settings)
        report(problems)
        if any(p.severity == ERROR for p in problems):
            # Raising (rather than returning a 'skip' stub) keeps the broken file out of
            # Pelican's reader cache, so every rebuild reports it again until it is fixed.
            message, _ = text(self.settings["MESSAGES_LANG"], "skipped")
            raise ContentError(f"{os.path.relpath(source_path, os.getcwd())}: {message}")
        content, metadata = super().read(source_path)  # type: ignore[misc]
        title = metadata.get("title")
        if "slug" not in metadata and title and self.settings["SLUGIFY_SOURCE"] == "title":
            metadata["slug"] = slug_for(str(title), self.settings)
        return content, metadata


class _KeptMarkdown:
    """Mixed in before Pelican's MarkdownReader: one Markdown instance per reader, not per file."""

    settings: dict[str, Any]
    _source_path: str
    _md: Any
    # The reader's Markdown instance, and its meta preprocessor with the priority it had.
    _kept: tuple[Markdown, Any, float] | None = None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """MarkdownReader.read, with the reader's one Markdown instance reset for each file."""
        # Making the instance (extensions, processors, patterns) took about 0.25 ms a file;
        # reset() is what Pelican itself does between a post's body and its summary.
        self._source_path = source_path
        self._md = self._markdown()
        with pelican_open(source_path) as text_:
            content = self._md.convert(text_)
        meta = getattr(self._md, "Meta", None)
        metadata = {} if meta is None else self._parse_metadata(meta)  # type: ignore[attr-defined]
        return content, metadata

    def _markdown(self) -> Markdown:
        if self._kept is None:
            made = Markdown(**self.settings["MARKDOWN"])
            meta = _meta_preprocessor(made)
            if meta is None:
                return made  # not the registry this was written for: one instance per file
            self._kept = (made, *meta)
        markdown, processor, priority = self._kept
        # MarkdownReader._parse_metadata deregisters it, so that a summary's first line stays
        # text; the next file's header needs it back, where it was.
        if "meta" not in markdown.preprocessors:
            markdown.preprocessors.register(processor, "meta", priority)
        return markdown.reset()


def _meta_preprocessor(markdown: Markdown) -> tuple[Any, float] | None:
    """The meta extension's preprocessor and its priority, or None if it is not found."""
    if "meta" not in markdown.preprocessors:
        return None
    priorities = getattr(markdown.preprocessors, "_priority", ())
    found = [item.priority for item in priorities if getattr(item, "name", None) == "meta"]
    return (markdown.preprocessors["meta"], found[0]) if len(found) == 1 else None


@functools.cache
def checked(reader_class: type[BaseReader]) -> type[BaseReader]:
    """The reader class with the content rules in front of it."""
    # Pelican finds readers through BaseReader.__subclasses__(), so it may hand one back.
    if issubclass(reader_class, _Checked):
        return reader_class
    if issubclass(reader_class, MarkdownReader) and reader_class.read is MarkdownReader.read:
        bases: tuple[type, ...] = (_Checked, _KeptMarkdown, reader_class)
    else:
        bases = (_Checked, reader_class)
    return type(f"Checked{reader_class.__name__}", bases, {})
