"""Every writing hint of a site, in one pass over its posts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from faces_common.problems import Problem

from ..corpus import AlreadyRead, read_sources
from .rules import HINT, post_hints

__all__ = ["HINT", "site_hints"]


def site_hints(
    settings: Mapping[str, Any], already_read: AlreadyRead | None = None
) -> list[Problem]:
    """The hints of every post, sorted by file and line."""
    hints = [
        hint
        for source in read_sources(settings, already_read)
        for hint in post_hints(source, settings)
    ]
    return sorted(hints, key=lambda h: (h.path, h.line, h.column, h.rule))
