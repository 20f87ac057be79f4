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
    remembered: FindingsMemo[FileHints] = FindingsMemo(settings, HINTS_FILE)
    if only is None:
        # The check's memo only spares reading unchanged files; it is not changed here.
        checked: FindingsMemo[FileFindings] = FindingsMemo(settings)
        sources = read_sources(settings, already_read, checked)
    else:
        # A few waiting posts (the review page): read them alone rather than load the check's
        # memo of every file (about 45 MiB at 10,000 posts). The other posts' hints stay
        # remembered; those of deleted files go at the next run over every post.
        sources = read_sources(settings, already_read, only=only)
        remembered.seen.update(remembered.entries)
    hints: list[Problem] = []
    for source in sources:
        found = remembered.get(source.file, source.stamp)
        if found is None:
            found = FileHints(source.stamp or (0, 0), tuple(post_hints(source, settings)))
            if source.stamp is not None:
                remembered.put(source.file, found)
        hints += found.hints
    remembered.save()
    return sorted(hints, key=lambda h: (h.path, h.line, h.column, h.rule))
