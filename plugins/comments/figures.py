"""The dialogue figures of the transparency page, from comment-figures.json and the threads."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import JsonFileError, read_json
from faces_common.problems import Problem

from .data import ThreadFile
from .messages import problem

REJECTION_REASONS = ("spam", "off_topic", "insulting", "personal_data", "other")


@dataclass(frozen=True)
class DialogueFigures:
    """How readers and authors talk: counts, reasons, and how fast the answers come."""

    received: int
    approved: int
    withdrawn: int
    rejected: Mapping[str, int]
    median_approval_seconds: float | None
    threads_with_comments: int
    threads_with_author_reply: int
    median_first_reply_seconds: float | None
    generated: str | None

    @property
    def author_reply_share(self) -> float | None:
        """Share of threads with comments that have at least one reply by a post author."""
        if not self.threads_with_comments:
            return None
        return self.threads_with_author_reply / self.threads_with_comments


@dataclass(frozen=True)
class ShownThread:
    """A thread this build shows, with the profile handles of its post's authors."""

    file: ThreadFile
    authors: tuple[str, ...]


def read_figures(path: Path, shown_as: str, lang: str) -> tuple[dict[str, Any], list[Problem]]:
    """The counts the backend's pull wrote; an empty dict when there is no (usable) file."""
    try:
        document = read_json(path)
    except JsonFileError as error:
        message, fix = problem(lang, "unreadable", reason=error.reason)
        return {}, [Problem(shown_as, error.line, message, fix, rule="comments")]
    if document is None:
        return {}, []
    if not isinstance(document, dict) or document.get("version") != 1:
        message, fix = problem(lang, "bad_shape", reason="'version' 1")
        return {}, [Problem(shown_as, 1, message, fix, rule="comments")]
    return document, []


def dialogue_figures(
    document: Mapping[str, Any], threads: Sequence[ShownThread]
) -> DialogueFigures:
    """Combine the backend's counts with what the threads of this build show."""
    approval = [s for s in _numbers(document.get("approval_seconds")) if s >= 0]
    replies_by_thread = document.get("first_author_reply_seconds")
    first_replies: list[float] = []
    with_comments = with_reply = 0
    for shown in threads:
        comments = shown.file.comments
        if not comments:
            continue
        with_comments += 1
        answered = [c for c in comments[1:] if c.profile in shown.authors]
        if not answered:
            continue
        with_reply += 1
        # The backend's figure covers withdrawn comments too; the files alone are the fallback.
        seconds = (
            replies_by_thread.get(shown.file.thread)
            if isinstance(replies_by_thread, dict)
            else None
        )
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            seconds = (answered[0].received - comments[0].received).total_seconds()
        first_replies.append(float(seconds))
    rejected = document.get("rejected")
    if not isinstance(rejected, dict):
        rejected = {}
    shown_total = sum(len(t.file.comments) for t in threads)
    return DialogueFigures(
        received=_count(document.get("received"), shown_total),
        approved=_count(document.get("approved"), shown_total),
        withdrawn=_count(document.get("withdrawn"), 0),
        rejected={reason: _count(rejected.get(reason), 0) for reason in REJECTION_REASONS},
        median_approval_seconds=statistics.median(approval) if approval else None,
        threads_with_comments=with_comments,
        threads_with_author_reply=with_reply,
        median_first_reply_seconds=statistics.median(first_replies) if first_replies else None,
        generated=document.get("generated") if isinstance(document.get("generated"), str) else None,
    )


def _numbers(value: Any) -> list[float]:
    if not isinstance(value, list):
        return []
    return [float(v) for v in value if isinstance(v, int | float) and not isinstance(v, bool)]


def _count(value: Any, fallback: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return fallback
