"""`python -m faces_backend views export`, the migration to schema 2 and `serve`'s checks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from faces_backend.cli import main
from faces_backend.store.schema import MIGRATIONS, open_database
from faces_backend.views.counts import PageDay, add_views


def test_export_writes_every_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "faces.sqlite3"
    conn = open_database(db)
    add_views(conn, {PageDay("/2026/a/", "2026-11-21"): 2, PageDay("/", "2026-11-22"): 1})
    add_views(conn, {PageDay("/2026/a/", "2026-11-21"): 3, PageDay("/2026/a/", "2026-11-22"): 4})
    conn.close()
    target = tmp_path / "content" / "data" / "views.json"
    assert main(["views", "export", str(target)], {"FACES_DB": str(db)}) == 0
    assert capsys.readouterr().out == (f"10 Aufrufe von 2 Seiten nach {target} geschrieben.\n")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data.pop("generated").endswith("+00:00")
    assert data == {
        "version": 1,
        "days": "UTC",
        "paths": {"/": {"2026-11-22": 1}, "/2026/a/": {"2026-11-21": 5, "2026-11-22": 4}},
    }


# (views of (path, day), language, the whole line before " to/nach {target}").
COUNTS = [
    ({("/", "2026-11-22"): 1}, "de", "1 Aufruf von 1 Seite nach {target} geschrieben."),
    ({("/", "2026-11-22"): 1}, "en", "Wrote 1 view of 1 page to {target}."),
    (
        {("/", "2026-11-22"): 1, ("/2026/a/", "2026-11-22"): 1},
        "de",
        "2 Aufrufe von 2 Seiten nach {target} geschrieben.",
    ),
    (
        {("/", "2026-11-21"): 1, ("/", "2026-11-22"): 1},
        "de",
        "2 Aufrufe von 1 Seite nach {target} geschrieben.",
    ),
    ({("/", "2026-11-22"): 5}, "en", "Wrote 5 views of 1 page to {target}."),
    ({}, "de", "0 Aufrufe von 0 Seiten nach {target} geschrieben."),
]


@pytest.mark.parametrize(("views", "lang", "expected"), COUNTS)
def test_export_says_its_counts_in_the_right_number(
    views: dict[tuple[str, str], int],
    lang: str,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "faces.sqlite3"
    conn = open_database(db)
    add_views(conn, {PageDay(path, day): count for (path, day), count in views.items()})
    conn.close()
    target = tmp_path / "views.json"
    arguments = ["views", "export", str(target), "--lang", lang]
    assert main(arguments, {"FACES_DB": str(db)}) == 0
    assert capsys.readouterr().out == expected.format(target=target) + "\n"


def test_export_needs_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.sqlite3"
    assert main(["views", "export", str(tmp_path / "v.json")], {"FACES_DB": str(missing)}) == 1
    assert capsys.readouterr().err.startswith(f"faces_backend: FACES_DB ist „{missing}“")


def test_a_poll_database_of_schema_1_gets_the_views_table(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(f"BEGIN;\n{MIGRATIONS[0]}\nPRAGMA user_version = 1;\nCOMMIT;")
    conn.execute("INSERT INTO totals VALUES ('kantine', 7)")
    conn.close()
    conn = open_database(db)
    assert conn.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    assert conn.execute("SELECT * FROM totals").fetchall() == [("kantine", 7)]
    assert conn.execute("SELECT * FROM page_views").fetchall() == []
    conn.close()


def test_serve_with_a_broken_reach_manifest_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    polls = tmp_path / "polls.json"
    polls.write_text('{"version": 1, "polls": []}', encoding="utf-8")
    pages = tmp_path / "reach.json"
    pages.write_text('{"version": 1, "pages": [{"path": "nope"}]}', encoding="utf-8")
    environ = {
        "FACES_MANIFEST": str(polls),
        "FACES_VIEWS_MANIFEST": str(pages),
        "FACES_DB": str(tmp_path / "faces.sqlite3"),
        "FACES_DEV": "1",
    }
    assert main(["serve"], environ) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"faces_backend: reach manifest {pages}: pages[0].path is 'nope'")
