"""Atomic JSON files under a lock: whole or untouched, readable, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from faces_common.jsonfiles import JsonFileError, lock_path, locked, read_json, write_json


def test_write_makes_folders_sorts_keys_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "content" / "data" / "poll-results.json"
    write_json(target, {"b": 1, "a": "ä"})
    assert target.read_text(encoding="utf-8") == '{\n  "a": "ä",\n  "b": 1\n}\n'
    assert [p.name for p in target.parent.iterdir()] == ["poll-results.json"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "views.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o664)
    write_json(target, {"paths": {}})
    assert target.stat().st_mode & 0o777 == 0o664


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "views.json"
    target.write_text('{"old": 1}\n', encoding="utf-8")
    with pytest.raises(TypeError):
        write_json(target, {"new": object()})
    assert target.read_text(encoding="utf-8") == '{"old": 1}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["views.json"]


def test_read_of_a_missing_file_is_none(tmp_path: Path) -> None:
    assert read_json(tmp_path / "nope.json") is None


@pytest.mark.parametrize(
    ("raw", "line", "reason"),
    [
        (b'{\n  "a": 1,\n}\n', 3, "Expecting property name enclosed in double quotes"),
        (b"", 1, "Expecting value"),
        (b'{"a": "\xff"}', 1, "not UTF-8 text (invalid start byte)"),
    ],
    ids=["trailing-comma", "empty", "latin-1"],
)
def test_read_of_a_broken_file_names_file_and_line(
    tmp_path: Path, raw: bytes, line: int, reason: str
) -> None:
    target = tmp_path / "poll-results.json"
    target.write_bytes(raw)
    with pytest.raises(JsonFileError) as caught:
        read_json(target)
    assert (caught.value.path, caught.value.line, caught.value.reason) == (target, line, reason)


def test_the_lock_is_a_hidden_file_next_to_the_data(tmp_path: Path) -> None:
    target = tmp_path / "data" / "views.json"
    with locked(target):
        assert lock_path(target) == tmp_path / "data" / ".views.json.lock"
        assert lock_path(target).exists()
    assert not target.exists()


def test_a_manifest_keeps_its_keys_in_the_order_they_were_built(tmp_path: Path) -> None:
    path = tmp_path / "site" / "polls" / "manifest.json"
    write_json(path, {"version": 1, "generated": "2026-06-30", "polls": ["ö"]}, sort_keys=False)
    assert path.read_text(encoding="utf-8") == (
        '{\n  "version": 1,\n  "generated": "2026-06-30",\n  "polls": [\n    "ö"\n  ]\n}\n'
    )
    assert path.stat().st_mode & 0o777 == 0o644
