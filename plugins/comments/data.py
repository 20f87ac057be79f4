"""Read the approved comments of one thread from content/data/comments/<thread>.json."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faces_common.jsonfiles import JsonFileError, read_json
from faces_common.problems import Problem

from .messages import problem
from .threads import ID_PATTERN, thread_file_name

COMMENT_ID = re.compile(r"c-[0-9a-f]{12}")
# A thread id from a path may hold '/' (posts/2026/slug), never a '.' or '..' segment.
THREAD_ID = re.compile(r"(?!\.\.?(?:/|$))[\w.-]+(?:/(?!\.\.?(?:/|$))[\w.-]+)*")

REASONS: dict[str, dict[str, str]] = {
    "de": {
        "not_object": "die Datei ist kein JSON-Objekt",
        "version": "'version' muss 1 sein",
        "thread": "'thread' fehlt oder ist keine Thread-Id",
        "comments": "'comments' muss eine Liste sein",
        "entry": "der Eintrag ist kein Objekt",
        "id": "'id' muss die Form 'c-' und 12 Hex-Zeichen haben",
        "duplicate": "die 'id' kommt doppelt vor",
        "parent": "'parent' muss null oder die Id eines früheren Kommentars der ersten Ebene sein",
        "name": "'name' muss ein Text sein",
        "profile": "'profile' muss null oder ein Profilkürzel sein",
        "text": "'text' fehlt oder ist leer",
        "received": "'received' ist kein Zeitpunkt wie 2026-03-14T09:30:00Z",
        "approved": "'approved' ist kein Zeitpunkt wie 2026-03-14T09:30:00Z",
    },
    "en": {
        "not_object": "the file is not a JSON object",
        "version": "'version' must be 1",
        "thread": "'thread' is missing or not a thread id",
        "comments": "'comments' must be a list",
        "entry": "the entry is not an object",
        "id": "'id' must be 'c-' followed by 12 hex characters",
        "duplicate": "the 'id' appears twice",
        "parent": "'parent' must be null or the id of an earlier top-level comment",
        "name": "'name' must be a text",
        "profile": "'profile' must be null or a profile handle",
        "text": "'text' is missing or empty",
        "received": "'received' is not a moment such as 2026-03-14T09:30:00Z",
        "approved": "'approved' is not a moment such as 2026-03-14T09:30:00Z",
    },
}


@dataclass(frozen=True)
class Comment:
    """One approved comment as the repository holds it."""

    id: str
    parent: str | None
    name: str
    profile: str | None
    text: str
    received: dt.datetime
    approved: dt.datetime


@dataclass(frozen=True)
class ThreadFile:
    """The approved comments of one thread, in the order they were received."""

    thread: str
    path: str
    comments: tuple[Comment, ...]


def read_thread_file(
    path: Path, shown_as: str, lang: str
) -> tuple[ThreadFile | None, list[Problem]]:
    """Read one thread file; a broken file gives None, a broken comment is left out."""
    try:
        document = read_json(path)
    except JsonFileError as error:
        message, fix = problem(lang, "unreadable", reason=error.reason)
        return None, [Problem(shown_as, error.line, message, fix, rule="comments")]
    shape = _shape_problem(document, lang)
    if shape or not isinstance(document, dict):
        message, fix = problem(lang, "bad_shape", reason=shape or "")
        return None, [Problem(shown_as, 1, message, fix, rule="comments")]
    thread = document["thread"]
    expected = thread_file_name(thread)
    if path.name != expected:
        message, fix = problem(lang, "wrong_name", thread=thread, expected=expected)
        return None, [Problem(shown_as, _line_of(path, '"thread"'), message, fix, rule="comments")]
    comments: list[Comment] = []
    problems: list[Problem] = []
    top_level: set[str] = set()
    seen: set[str] = set()
    for index, entry in enumerate(document["comments"], start=1):
        comment, reason = _comment(entry, top_level, seen)
        if comment is None:
            line = _line_of(path, str(entry.get("id"))) if isinstance(entry, dict) else 1
            message, fix = problem(lang, "bad_comment", index=index, reason=REASONS[lang][reason])
            problems.append(Problem(shown_as, line, message, fix, rule="comments"))
            continue
        seen.add(comment.id)
        if comment.parent is None:
            top_level.add(comment.id)
        comments.append(comment)
    comments.sort(key=lambda c: c.received)
    return ThreadFile(thread, shown_as, tuple(comments)), problems


def _shape_problem(document: Any, lang: str) -> str | None:
    reasons = REASONS[lang]
    if not isinstance(document, dict):
        return reasons["not_object"]
    if document.get("version") != 1:
        return reasons["version"]
    thread = document.get("thread")
    if not isinstance(thread, str) or not (
        ID_PATTERN.fullmatch(thread) or THREAD_ID.fullmatch(thread)
    ):
        return reasons["thread"]
    if not isinstance(document.get("comments"), list):
        return reasons["comments"]
    return None


def _comment(entry: Any, top_level: set[str], seen: set[str]) -> tuple[Comment | None, str]:
    if not isinstance(entry, dict):
        return None, "entry"
    identifier = entry.get("id")
    if not isinstance(identifier, str) or not COMMENT_ID.fullmatch(identifier):
        return None, "id"
    if identifier in seen:
        return None, "duplicate"
    parent = entry.get("parent")
    if parent is not None and parent not in top_level:
        return None, "parent"
    name = entry.get("name", "")
    if not isinstance(name, str):
        return None, "name"
    profile = entry.get("profile")
    if profile is not None and (not isinstance(profile, str) or not profile.strip()):
        return None, "profile"
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, "text"
    received = parse_moment(entry.get("received"))
    if received is None:
        return None, "received"
    approved = parse_moment(entry.get("approved"))
    if approved is None:
        return None, "approved"
    return Comment(identifier, parent, name.strip(), profile, text, received, approved), ""


def parse_moment(value: Any) -> dt.datetime | None:
    """An ISO-8601 moment with its offset (Z allowed) as an aware datetime, else None."""
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _line_of(path: Path, needle: str) -> int:
    """The first line of the file that holds `needle` (1 if none does)."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1
