"""`views export` merges view counts into the repository: per page and day, never fewer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faces_backend.cli import main
from tests.pulls.helpers import Backend, count_views, write_file

A = "/2026/a/"
B = "/2026/b/"


@pytest.fixture
def counts(tmp_path: Path) -> Path:
    """Where the repository keeps the view counts."""
    return tmp_path / "content" / "data" / "views.json"


def committed(paths: dict[str, dict[str, int]]) -> dict[str, object]:
    return {"version": 1, "generated": "2026-11-22T06:00:00+00:00", "days": "UTC", "paths": paths}


def pull(backend: Backend, counts: Path, *extra: str) -> int:
    return main(["views", "export", str(counts), *extra], {"FACES_DB": str(backend.db)})


def refusal_lines(backend: Backend, counts: Path, *shortfalls: str) -> list[str]:
    return [
        f"faces_backend: Nichts geschrieben. Die Datenbank {backend.db.resolve()} (FACES_DB) "
        f"hat weniger als {counts} im Repository:",
        *(f"  - {line}" for line in shortfalls),
    ]


def test_an_empty_backend_writes_nothing(
    backend: Backend, counts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = write_file(counts, committed({A: {"2026-11-20": 31, "2026-11-21": 12}}))
    assert pull(backend, counts) == 1
    assert counts.read_bytes() == before
    assert capsys.readouterr().err.splitlines()[:3] == refusal_lines(
        backend,
        counts,
        f"{A} am 2026-11-20: 31 Aufrufe im Repository, 0 in der Datenbank.",
        f"{A} am 2026-11-21: 12 Aufrufe im Repository, 0 in der Datenbank.",
    )


def test_a_reset_backend_with_fewer_views_is_refused(backend: Backend, counts: Path) -> None:
    before = write_file(counts, committed({A: {"2026-11-20": 31}}))
    count_views(backend, {(A, "2026-11-20"): 2})
    assert pull(backend, counts) == 1
    assert counts.read_bytes() == before


def test_a_backend_ahead_is_taken(backend: Backend, counts: Path) -> None:
    write_file(counts, committed({A: {"2026-11-20": 31}, B: {"2026-11-20": 0}}))
    count_views(backend, {(A, "2026-11-20"): 33, (A, "2026-11-21"): 4})
    assert pull(backend, counts) == 0
    data = json.loads(counts.read_text(encoding="utf-8"))
    assert data["paths"] == {A: {"2026-11-20": 33, "2026-11-21": 4}, B: {"2026-11-20": 0}}


def test_behind_on_one_page_ahead_on_another_writes_nothing(
    backend: Backend, counts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = write_file(counts, committed({A: {"2026-11-20": 5}, B: {"2026-11-20": 9}}))
    count_views(backend, {(A, "2026-11-20"): 50, (B, "2026-11-20"): 8})
    assert pull(backend, counts) == 1
    assert counts.read_bytes() == before
    assert capsys.readouterr().err.splitlines()[1:2] == [
        f"  - {B} am 2026-11-20: 9 Aufrufe im Repository, 8 in der Datenbank."
    ]


def test_many_shortfalls_are_counted_not_all_listed(
    backend: Backend, counts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    days = {f"2026-10-{day:02d}": day for day in range(1, 31)}
    write_file(counts, committed({A: days}))
    assert pull(backend, counts, "--lang", "en") == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 + 8 + 1 + 1
    assert lines[9] == "  … and 22 more."


def test_replace_writes_the_backend_counts_on_purpose(backend: Backend, counts: Path) -> None:
    write_file(counts, committed({A: {"2026-11-20": 31}}))
    count_views(backend, {(B, "2026-11-21"): 1})
    assert pull(backend, counts, "--replace") == 0
    assert json.loads(counts.read_text(encoding="utf-8"))["paths"] == {B: {"2026-11-21": 1}}


@pytest.mark.parametrize(
    "paths",
    [[1, 2], {A: {"2026-11-20": -1}}, {A: {"2026-11-20": "31"}}, {A: [31]}],
    ids=["list", "negative", "text", "not-days"],
)
def test_a_broken_counts_file_is_named_and_left_alone(
    backend: Backend, counts: Path, paths: object, capsys: pytest.CaptureFixture[str]
) -> None:
    before = write_file(counts, committed(paths))  # type: ignore[arg-type]
    assert pull(backend, counts) == 1
    assert counts.read_bytes() == before
    assert capsys.readouterr().err.startswith(f"faces_backend: {counts}: „paths")
