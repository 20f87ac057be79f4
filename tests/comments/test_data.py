"""Thread files: what a good file gives, and the message for each way a file can be broken."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from comments.data import read_thread_file


def entry(number: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": f"c-{number:012x}",
        "parent": None,
        "name": "Leser",
        "profile": None,
        "text": "Text",
        "received": f"2026-03-16T08:0{number}:00Z",
        "approved": f"2026-03-16T09:0{number}:00Z",
        **fields,
    }


def write(folder: Path, comments: list[Any], thread: str = "posts/a", **top: Any) -> Path:
    path = folder / "posts--a.json"
    document = {"version": 1, "thread": thread, "comments": comments, **top}
    path.write_text(json.dumps(document, indent=2), "utf-8")
    return path


def test_good_file_is_sorted_by_received(tmp_path: Path) -> None:
    path = write(tmp_path, [entry(2), entry(1), entry(3, parent="c-000000000001")])
    thread, problems = read_thread_file(path, "x.json", "de")
    assert problems == []
    assert thread is not None and thread.thread == "posts/a"
    assert [c.id for c in thread.comments] == [
        "c-000000000001",
        "c-000000000002",
        "c-000000000003",
    ]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"id": "c-1"}, "'id' muss die Form 'c-' und 12 Hex-Zeichen haben"),
        ({"id": "c-00000000000G"}, "'id' muss die Form 'c-' und 12 Hex-Zeichen haben"),
        ({"parent": "c-000000000009"}, "'parent' muss null oder die Id eines früheren"),
        ({"parent": "c-000000000002"}, "'parent' muss null oder die Id eines früheren"),
        ({"name": 5}, "'name' muss ein Text sein"),
        ({"profile": ""}, "'profile' muss null oder ein Profilkürzel sein"),
        ({"text": "   "}, "'text' fehlt oder ist leer"),
        ({"text": None}, "'text' fehlt oder ist leer"),
        ({"received": "gestern"}, "'received' ist kein Zeitpunkt"),
        ({"received": "2026-03-16T08:00:00"}, "'received' ist kein Zeitpunkt"),
        ({"approved": 17}, "'approved' ist kein Zeitpunkt"),
    ],
)
def test_broken_comment_is_left_out_with_its_line(
    tmp_path: Path, bad: dict[str, Any], reason: str
) -> None:
    # Comment 2 is a reply to comment 1 unless `bad` says otherwise; it is the broken one.
    comments = [entry(1), entry(2, **{"parent": "c-000000000001", **bad}), entry(3)]
    if bad.get("parent") == "c-000000000002":
        comments[1] = entry(2, parent="c-000000000001")
        comments[2] = entry(3, parent="c-000000000002")
    thread, problems = read_thread_file(write(tmp_path, comments), "x.json", "de")
    assert thread is not None and len(thread.comments) == 2
    assert len(problems) == 1
    assert reason in problems[0].message
    assert problems[0].path == "x.json" and problems[0].line > 1


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('{\n  "version": 1,\n  oops\n}', 3, "ist kein gültiges JSON"),
        (b"\xff\xfe".decode("latin-1"), 1, "ist kein gültiges JSON"),
        ("[]", 1, "die Datei ist kein JSON-Objekt"),
        ('{"version": 2, "thread": "posts/a", "comments": []}', 1, "'version' muss 1 sein"),
        ('{"version": 1, "thread": "../x", "comments": []}', 1, "'thread' fehlt"),
        ('{"version": 1, "thread": "posts/a", "comments": {}}', 1, "'comments' muss eine Liste"),
        ('{"version": 1, "thread": "posts/b", "comments": []}', 1, "heisst aber nicht"),
    ],
)
def test_broken_file_is_refused_with_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "posts--a.json"
    path.write_text(text, "utf-8")
    thread, problems = read_thread_file(path, "content/data/comments/posts--a.json", "de")
    assert thread is None
    assert [(p.path, p.line) for p in problems] == [("content/data/comments/posts--a.json", line)]
    assert message in problems[0].message
    assert problems[0].fix


def test_english_messages(tmp_path: Path) -> None:
    path = write(tmp_path, [entry(1, text="")])
    _, problems = read_thread_file(path, "x.json", "en")
    assert problems[0].message == "Comment 1 is incomplete: 'text' is missing or empty."
