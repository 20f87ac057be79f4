"""`comments pull`: the approved comments into the repository, one file per thread.

Merge, never lose: a comment in a repository file stays unless the database says it left
(withdrawn or rejected: a tombstone with its id). A file comment the database has never
heard of means a reset, empty or wrong database: the pull refuses and writes nothing, and
`--replace` writes the database's state as it is. The figures' counts never go down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import JsonFileError, read_json, write_json

from faces_backend.comments.figures import comment_figures, fewer_than
from faces_backend.comments.store import Comment, approved_comments, known_ids, removals
from faces_backend.comments.threads import CommentManifest
from faces_backend.http.keyed_error import KeyedError
from faces_backend.store.connection import Connection


@dataclass(frozen=True)
class Missing:
    """One comment a repository file holds that the database does not know."""

    path: Path
    comment_id: str


class PullProblem(KeyedError):
    """The pull cannot go on; `key` names the message, `values` fill it."""


@dataclass(frozen=True)
class PullReport:
    """What a pull wrote."""

    files: int
    comments: int
    removed: int


def file_name(thread: str) -> str:
    """Return the repository file name of a thread (contract 3)."""
    return thread.replace("/", "--") + ".json"


def pull_comments(
    conn: Connection,
    folder: Path,
    figures_path: Path,
    manifest: CommentManifest,
    *,
    replace: bool,
) -> PullReport:
    """Merge the database's approved comments into the folder and the figures, or refuse."""
    by_thread: dict[str, dict[str, dict[str, Any]]] = {}
    for comment in approved_comments(conn):
        by_thread.setdefault(comment.thread, {})[comment.id] = _record(comment)
    repo = _repo_files(folder)
    gone, known = removals(conn), known_ids(conn)  # known here but not approved: it left
    missing: list[Missing] = []
    removed = 0
    for thread, (path, items) in repo.items():
        merged = by_thread.setdefault(thread, {})
        for item in items:
            if item["id"] in merged:
                continue
            if item["id"] in gone or item["id"] in known or replace:
                removed += 1
            else:
                missing.append(Missing(path, item["id"]))
                merged[item["id"]] = item
    fresh = comment_figures(conn, manifest)
    lower = fewer_than(_read(figures_path), fresh)
    if not replace and (missing or lower):
        raise PullProblem("refused", missing=missing, lower=lower)
    for thread, comments in sorted(by_thread.items()):
        path = repo[thread][0] if thread in repo else folder / file_name(thread)
        ordered = sorted(comments.values(), key=lambda item: (item["received"], item["id"]))
        write_json(path, {"version": 1, "thread": thread, "comments": ordered})
    write_json(figures_path, fresh)
    return PullReport(len(by_thread), sum(len(c) for c in by_thread.values()), removed)


def _record(comment: Comment) -> dict[str, Any]:
    return comment.record()


def _read(path: Path) -> Any:
    try:
        return read_json(path)
    except JsonFileError as error:
        raise PullProblem(
            "not_json", path=error.path, line=error.line, reason=error.reason
        ) from None


def _repo_files(folder: Path) -> dict[str, tuple[Path, list[dict[str, Any]]]]:
    found: dict[str, tuple[Path, list[dict[str, Any]]]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        data = _read(path)
        items = data.get("comments") if isinstance(data, dict) else None
        thread = data.get("thread") if isinstance(data, dict) else None
        if (
            not isinstance(thread, str)
            or not isinstance(items, list)
            or not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items)
        ):
            raise PullProblem("bad_shape", path=path)
        found[thread] = (path, items)
    return found
