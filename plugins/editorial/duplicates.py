"""Things that must be unique across the site: addresses (slugs) and poll ids."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from content_checks.problems import ERROR, Problem

from .adapters import PollRef
from .corpus import Source
from .messages import text


def duplicate_slugs(sources: Sequence[Source]) -> list[Problem]:
    """A post whose slug and language another post of the same kind already has."""
    first: dict[tuple[str, str, str], Source] = {}
    problems = []
    for source in sources:
        if not source.value("title") and not source.value("slug"):
            continue  # the header check reports the missing title
        key = (source.kind, source.slug, source.lang)
        if key not in first:
            first[key] = source
            continue
        field = source.fields.get("slug") or source.fields.get("title")
        line = field.line if field else 1
        message, fix = text(
            _lang(source.settings), "duplicate_slug", slug=source.slug, other=first[key].shown
        )
        problems.append(Problem(source.shown, line, message, fix, ERROR, rule="duplicate_slug"))
    return problems


def duplicate_poll_ids(polls: Iterable[tuple[Source, PollRef]]) -> list[Problem]:
    """A poll whose id an earlier poll (in file order) already uses."""
    first: dict[str, tuple[Source, PollRef]] = {}
    problems = []
    for source, poll in polls:
        if poll.id not in first:
            first[poll.id] = (source, poll)
            continue
        other_source, other = first[poll.id]
        message, fix = text(
            _lang(source.settings),
            "duplicate_poll_id",
            poll=poll.id,
            other=f"{other_source.shown}:{other.line}",
        )
        problems.append(
            Problem(source.shown, poll.line, message, fix, ERROR, rule="duplicate_poll_id")
        )
    return problems


def _lang(settings: Mapping[str, Any]) -> str:
    return str(settings["CHECKS_LANGUAGE"])
