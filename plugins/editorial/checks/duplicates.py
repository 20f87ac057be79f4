"""Poll ids must be unique across the site (addresses: content_checks.duplicates)."""

from __future__ import annotations

from collections.abc import Iterable

from faces_common.problems import ERROR, Problem

from ..adapters import PollRef, duplicate_poll_words
from .corpus import Source


def duplicate_poll_ids(polls: Iterable[tuple[Source, PollRef]]) -> list[Problem]:
    """A poll whose id an earlier poll (in file order) already uses."""
    first: dict[str, tuple[Source, PollRef]] = {}
    problems = []
    for source, poll in polls:
        if poll.id not in first:
            first[poll.id] = (source, poll)
            continue
        other_source, other = first[poll.id]
        # Only idea_polls finds polls, and the build reports a duplicate in its words.
        message, fix = duplicate_poll_words(
            source.settings, poll.id, f"{other_source.shown}:{other.line}"
        )
        problems.append(
            Problem(source.shown, poll.line, message, fix, ERROR, rule="duplicate_poll_id")
        )
    return problems
