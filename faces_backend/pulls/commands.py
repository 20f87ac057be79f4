"""The pull commands: lock the repository's files, merge, refuse or write, and report."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import JsonFileError, locked, read_json, write_json

from faces_backend.http.setting_values import Language
from faces_backend.polls.manifest import Manifest
from faces_backend.polls.suggestions import Suggestion
from faces_backend.pulls.merge import (
    RepoFileError,
    Shortfall,
    merge_pending,
    merge_results,
    merge_views,
    pending_document,
)
from faces_backend.pulls.messages import counted, refusal, text
from faces_backend.views.counts import export_document


class PullRefused(Exception):
    """The pull would lose committed data or cannot read it; nothing was written."""


def pull_results(
    args: argparse.Namespace,
    db: Path,
    manifest: Manifest,
    fresh: dict[str, Any],
    known: list[Suggestion],
) -> None:
    """Merge the results (and pending suggestions) into the repository's files, or refuse."""
    lang: Language = args.lang
    results_path: Path = args.path
    pending_path: Path | None = args.suggestions
    if pending_path is not None and pending_path.resolve() == results_path.resolve():
        raise PullRefused(f"--suggestions {pending_path}: must differ from {results_path}.")
    with ExitStack() as stack:
        # Always the results file first: two pulls that lock both never wait on each other.
        stack.enter_context(locked(results_path))
        if pending_path is not None:
            stack.enter_context(locked(pending_path))
        results = fresh
        if not args.replace:
            results, shortfalls = _merge(
                lang, results_path, merge_results, fresh, manifest, datetime.now(UTC)
            )
            _refuse_if(shortfalls, lang, db, results_path)
        pending: dict[str, Any] | None = None
        if pending_path is not None:
            pending = pending_document(known)
            if not args.replace:
                pending, shortfalls = _merge(lang, pending_path, merge_pending, known)
                _refuse_if(shortfalls, lang, db, pending_path)
        write_json(results_path, results)
        if pending_path is not None:
            write_json(pending_path, pending)
    polls = counted(lang, len(results["polls"]), "poll")
    print(text(lang, "results", polls=polls, path=results_path))
    if pending_path is not None and pending is not None:
        waiting = counted(lang, len(pending["pending"]), "pending")
        print(text(lang, "pending", pending=waiting, path=pending_path))


def pull_views(args: argparse.Namespace, db: Path, views: dict[str, dict[str, int]]) -> None:
    """Merge the view counts into the repository's file, or refuse."""
    lang: Language = args.lang
    path: Path = args.path
    with locked(path):
        if not args.replace:
            views, shortfalls = _merge(lang, path, merge_views, views)
            _refuse_if(shortfalls, lang, db, path)
        write_json(path, export_document(views))
    total = sum(sum(days.values()) for days in views.values())
    print(
        text(
            lang,
            "views_written",
            views=counted(lang, total, "view"),
            pages=counted(lang, len(views), "page"),
            path=path,
        )
    )


def _merge(
    lang: Language, path: Path, merge: Callable[..., tuple[Any, list[Shortfall]]], *inputs: Any
) -> tuple[Any, list[Shortfall]]:
    """Read the repository's file and merge it; unreadable files refuse the pull."""
    try:
        return merge(read_json(path), *inputs, path=path)
    except JsonFileError as error:
        raise PullRefused(
            text(lang, "not_json", path=error.path, line=error.line, reason=error.reason)
        ) from None
    except RepoFileError as error:
        raise PullRefused(text(lang, error.key, **error.values)) from None


def _refuse_if(shortfalls: list[Shortfall], lang: Language, db: Path, target: Path) -> None:
    if shortfalls:
        raise PullRefused(refusal(lang, db, target, shortfalls))
