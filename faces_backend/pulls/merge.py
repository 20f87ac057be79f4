"""Pulls from the backend into the repository: merge with what is committed, never lose it.

Each merge returns the new file content and the shortfalls: the places where the database
holds less than the repository (a reset, empty or wrong database). With any shortfall the
pull refuses and writes nothing; `--replace` writes the database's state as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from faces_backend.http.keyed_error import KeyedError
from faces_backend.polls.manifest import Manifest
from faces_backend.polls.suggestions import Suggestion

ShortfallKind = Literal["poll", "option", "views", "suggestion"]


@dataclass(frozen=True)
class Shortfall:
    """One place where the database holds less than (or other than) the repository."""

    kind: ShortfallKind
    key: str
    detail: str
    repo: int | str
    backend: int | str


class RepoFileError(KeyedError, ValueError):
    """The repository's data file has a shape the pull cannot merge with (`bad_shape`)."""

    def __init__(self, path: Path, where: str, expected: str) -> None:
        super().__init__("bad_shape", path=path, where=where, expected=expected)


def merge_results(
    repo: Any, fresh: dict[str, Any], manifest: Manifest, now: datetime, path: Path
) -> tuple[dict[str, Any], list[Shortfall]]:
    """Merge a fresh snapshot into the repository's: votes only grow, closed polls stay."""
    repo_polls = _mapping(repo, "polls", path) if repo is not None else {}
    repo_generated = _moment(repo.get("generated")) if isinstance(repo, dict) else None
    polls: dict[str, Any] = {}
    shortfalls: list[Shortfall] = []
    for poll_id in sorted(set(repo_polls) | set(fresh["polls"])):
        old = repo_polls.get(poll_id)
        new = fresh["polls"].get(poll_id)
        if old is None or new is None:
            polls[poll_id] = new if old is None else old
            continue
        _check_entry(old, poll_id, path)
        poll = manifest.polls.get(poll_id)
        closed = poll is not None and poll.closed_at(now)
        # A closed poll's count is final once the repository has a pull from after the close.
        final = (
            closed
            and poll is not None
            and poll.closes is not None
            and (repo_generated is not None and repo_generated >= poll.closes)
        )
        lower = _fewer_votes(poll_id, old, new)
        if final or (closed and lower):
            # The votes are final; suggestions approved since still join them.
            polls[poll_id] = {**old, "suggestions": _union(old, new)}
        elif lower:
            polls[poll_id] = old
            shortfalls.extend(lower)
        else:
            polls[poll_id] = {**new, "suggestions": _union(old, new)}
    return {"generated": fresh["generated"], "polls": polls}, shortfalls


def merge_pending(
    repo: Any, known: list[Suggestion], path: Path
) -> tuple[dict[str, Any], list[Shortfall]]:
    """Merge pending suggestions: one leaves the file only once the database decided it."""
    by_id = {item.id: item for item in known}
    pending = {item.id: _pending_entry(item) for item in known if item.status == "pending"}
    shortfalls: list[Shortfall] = []
    items = _sequence(repo, "pending", path) if repo is not None else []
    for index, entry in enumerate(items):
        if not isinstance(entry, dict) or not _count(entry.get("id")):
            raise RepoFileError(path, f"pending[{index}]", "expected an object with a whole 'id'")
        stored = by_id.get(entry["id"])
        if stored is None:
            pending[entry["id"]] = entry
        elif not _same_suggestion(entry, stored):
            shortfalls.append(
                Shortfall(
                    "suggestion",
                    str(entry["id"]),
                    str(entry.get("poll", "")),
                    _short(str(entry.get("text", ""))),
                    _short(stored.text),
                )
            )
    return {"pending": [pending[key] for key in sorted(pending)]}, shortfalls


def merge_views(
    repo: Any, fresh: dict[str, dict[str, int]], path: Path
) -> tuple[dict[str, dict[str, int]], list[Shortfall]]:
    """Merge view counts per (path, day): a count never drops below the repository's."""
    merged = {page: dict(days) for page, days in fresh.items()}
    shortfalls: list[Shortfall] = []
    repo_paths = _mapping(repo, "paths", path) if repo is not None else {}
    for page, days in sorted(repo_paths.items()):
        if not isinstance(days, dict) or not all(_count(n) for n in days.values()):
            raise RepoFileError(path, f"paths[{page!r}]", "expected day -> whole number of views")
        for day, views in sorted(days.items()):
            counted = fresh.get(page, {}).get(day, 0)
            if counted < views:
                shortfalls.append(Shortfall("views", page, day, views, counted))
            merged.setdefault(page, {})[day] = max(views, counted)
    return {page: dict(sorted(merged[page].items())) for page in sorted(merged)}, shortfalls


def pending_document(known: list[Suggestion]) -> dict[str, Any]:
    """Return the pending-suggestions file as the database alone has it (for --replace)."""
    return {"pending": [_pending_entry(item) for item in known if item.status == "pending"]}


def _fewer_votes(poll_id: str, old: dict[str, Any], new: dict[str, Any]) -> list[Shortfall]:
    found: list[Shortfall] = []
    if new["total"] < old["total"]:
        found.append(Shortfall("poll", poll_id, "", old["total"], new["total"]))
    for option, votes in sorted(old["options"].items()):
        counted = new["options"].get(option, 0)
        if counted < votes:
            found.append(Shortfall("option", poll_id, option, votes, counted))
    return found


def _union(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    items = {item["id"]: item for item in old.get("suggestions", [])}
    items.update({item["id"]: item for item in new["suggestions"]})
    return [items[key] for key in sorted(items)]


def _pending_entry(item: Suggestion) -> dict[str, Any]:
    return {"id": item.id, "poll": item.poll, "day": item.created_day, "text": item.text}


def _same_suggestion(entry: dict[str, Any], stored: Suggestion) -> bool:
    # Files written before the pulls merged held the text with line breaks shown as " / ".
    text = str(entry.get("text", ""))
    return (
        entry.get("poll") == stored.poll
        and entry.get("day") == stored.created_day
        and text in (stored.text, stored.text.replace("\n", " / "))
    )


def _check_entry(entry: Any, poll_id: str, path: Path) -> None:
    suggestions = entry.get("suggestions", []) if isinstance(entry, dict) else None
    if (
        not isinstance(entry, dict)
        or not _count(entry.get("total"))
        or not isinstance(entry.get("options"), dict)
        or not all(_count(votes) for votes in entry["options"].values())
        or not isinstance(suggestions, list)
        or not all(isinstance(item, dict) and _count(item.get("id")) for item in suggestions)
    ):
        raise RepoFileError(
            path,
            f"polls[{poll_id!r}]",
            "expected 'total' and 'options' with whole numbers, 'suggestions' with ids",
        )


def _mapping(document: Any, key: str, path: Path) -> dict[str, Any]:
    if not isinstance(document, dict) or not isinstance(document.get(key), dict):
        raise RepoFileError(path, key, f"expected an object with '{key}'")
    found: dict[str, Any] = document[key]
    return found


def _sequence(document: Any, key: str, path: Path) -> list[Any]:
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        raise RepoFileError(path, key, f"expected an object with a list '{key}'")
    found: list[Any] = document[key]
    return found


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _moment(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"
