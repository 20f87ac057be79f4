"""`stories pull`: accepted stories into the editorial plan, one JSON file editors review.

Merge, never lose: an entry already in the plan stays as the editors left it (they add notes,
a working title, a status); only accepted stories never pulled before are added, so an entry
the editors removed in a reviewed change stays removed. A plan entry with a story
id the database has never heard of means a reset, empty or wrong database: the pull refuses
and writes nothing, and `--replace` writes the database's accepted stories as they are.
Entries editors wrote themselves (no story id) are always kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import JsonFileError, read_json, write_json

from faces_backend.http.keyed_error import KeyedError
from faces_backend.store import Connection
from faces_backend.stories.form import STORY_ID
from faces_backend.stories.store import known_ids, mark_pulled, stories_with


class PlanProblem(KeyedError):
    """The pull cannot go on; `key` names the message, `values` fill it."""


@dataclass(frozen=True)
class PlanReport:
    """What a pull wrote: entries in the plan, stories added, entries dropped by --replace."""

    entries: int
    added: int
    dropped: int


def pull_plan(conn: Connection, path: Path, *, replace: bool) -> PlanReport:
    """Merge the accepted stories into the plan file at `path`, or refuse (a writer job)."""
    entries = _entries(path)
    fresh = {
        story.id: story.plan_entry()
        for story in stories_with(conn, "accepted")
        if story.pulled is None
    }
    known = known_ids(conn)
    unknown = [
        entry["id"]
        for entry in entries
        if _story_id(entry) is not None and entry["id"] not in known
    ]
    if unknown and not replace:
        raise PlanProblem("refused", path=path, ids=", ".join(unknown))
    kept = [entry for entry in entries if not (replace and _story_id(entry) in unknown)]
    in_plan = {_story_id(entry) for entry in kept}
    added = [entry for story_id, entry in fresh.items() if story_id not in in_plan]
    merged = kept + added
    merged.sort(key=lambda entry: (str(entry.get("received", "")), str(entry.get("id", ""))))
    write_json(path, {"version": 1, "stories": merged})
    mark_pulled(conn, list(fresh))
    return PlanReport(len(merged), len(added), len(entries) - len(kept))


def _story_id(entry: dict[str, Any]) -> str | None:
    story_id = entry.get("id")
    return story_id if isinstance(story_id, str) and STORY_ID.fullmatch(story_id) else None


def _entries(path: Path) -> list[dict[str, Any]]:
    try:
        data = read_json(path)
    except JsonFileError as error:
        raise PlanProblem(
            "not_json", path=error.path, line=error.line, reason=error.reason
        ) from None
    if data is None:
        return []
    entries = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PlanProblem("bad_shape", path=path)
    return entries
