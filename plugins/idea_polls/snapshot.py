"""Read the last results pulled from the backend (content/data/poll-results.json)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .model import Snapshot


class SnapshotError(ValueError):
    """The snapshot file cannot be used; the message says where and why."""


def read_snapshots(path: str) -> dict[str, Snapshot]:
    """Return the snapshot of each poll id; an absent file means no results yet."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise SnapshotError(f"{path}: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("polls"), dict):
        raise SnapshotError(f"{path}: expected an object with 'polls'")
    generated = _moment(data.get("generated"))
    return {
        str(poll_id): _snapshot(entry, generated, f"{path}: poll {poll_id!r}")
        for poll_id, entry in data["polls"].items()
    }


def _snapshot(entry: Any, generated: datetime | None, where: str) -> Snapshot:
    if not isinstance(entry, dict):
        raise SnapshotError(f"{where} must be an object")
    total: Any = entry.get("total")
    options = entry.get("options")
    if (
        not _count(total)
        or not isinstance(options, dict)
        or not all(_count(votes) for votes in options.values())
    ):
        raise SnapshotError(f"{where} needs 'total' and 'options' with whole numbers")
    suggestions = tuple(
        str(item["text"])
        for item in entry.get("suggestions") or []
        if isinstance(item, dict) and item.get("text")
    )
    votes = {str(option): int(count) for option, count in options.items()}
    return Snapshot(int(total), votes, generated, suggestions)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
