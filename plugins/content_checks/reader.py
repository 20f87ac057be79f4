"""A Markdown reader that checks the header first and skips a broken file."""

from __future__ import annotations

import logging
import os
from typing import Any

from pelican.readers import MarkdownReader

from .header import parse_header
from .messages import text
from .problems import ERROR, Problem
from .rules import check_header

logger = logging.getLogger(__name__)


def report(problems: list[Problem]) -> None:
    """Log each problem once, errors as errors and the rest as warnings."""
    for problem in problems:
        log = logger.error if problem.severity == ERROR else logger.warning
        log("%s", problem.format())


class ContentError(ValueError):
    """A content file has errors that keep it out of the build."""


class CheckedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, preceded by the header rules."""

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Read the file, or return a 'skip' stub when its header has errors."""
        kind = _kind_of(source_path, self.settings)
        if kind is not None:
            with open(source_path, encoding="utf-8-sig") as source:
                header = parse_header(source.read())
            relative = os.path.relpath(source_path, os.getcwd())
            problems = check_header(header, relative, self.settings, kind)
            report(problems)
            if any(p.severity == ERROR for p in problems):
                # Raising (rather than returning a 'skip' stub) keeps the broken file out of
                # Pelican's reader cache, so every rebuild reports it again until it is fixed.
                message, _ = text(self.settings["CHECKS_LANGUAGE"], "skipped")
                raise ContentError(f"{relative}: {message}")
        return super().read(source_path)


def _kind_of(source_path: str, settings: dict[str, Any]) -> str | None:
    content = os.path.abspath(settings["PATH"])
    relative = os.path.relpath(os.path.abspath(source_path), content)
    top = relative.split(os.sep, 1)[0]
    if top in settings["ARTICLE_PATHS"]:
        return "article"
    if top in settings["PAGE_PATHS"]:
        return "page"
    return None
