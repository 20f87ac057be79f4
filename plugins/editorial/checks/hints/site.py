"""Every writing hint of a site, in one pass over its posts."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from faces_common.problems import Problem

from ..corpus import AlreadyRead, read_sources
from ..memo import HINTS_FILE, FileFindings, FileHints, FindingsMemo
from .rules import HINT, post_hints

__all__ = ["HINT", "site_hints"]


def site_hints(
    settings: Mapping[str, Any],
    already_read: AlreadyRead | None = None,
    only: Collection[str] | None = None,
) -> list[Problem]:
    """The hints of every post (or of the files `only` names), sorted by file and line."""
    # Both memos only spare reading unchanged files; the check's own memo is not changed here.
    checked: FindingsMemo[FileFindings] = FindingsMemo(settings)
    remembered: FindingsMemo[FileHints] = FindingsMemo(settings, HINTS_FILE)
    hints: list[Problem] = []
    for source in read_sources(settings, already_read, checked):
        found = remembered.get(source.file, source.stamp)  # also keeps it remembered
        if only is not None and source.file not in only:
            continue
        if found is None:
            found = FileHints(source.stamp or (0, 0), tuple(post_hints(source, settings)))
            if source.stamp is not None:
                remembered.put(source.file, found)
        hints += found.hints
    remembered.save()
    return sorted(hints, key=lambda h: (h.path, h.line, h.column, h.rule))
