"""`invoke reach-pull` and `invoke reach-report`, run the way an editor runs them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from faces_backend.store.schema import open_database
from faces_backend.views.counts import PageDay, add_views
from tests.sites import env_without_faces, run_invoke


def invoke(*args: str, locale: str = "") -> subprocess.CompletedProcess[str]:
    return run_invoke(*args, env=env_without_faces(**({"FACES_LOCALE": locale} if locale else {})))


def test_pull_writes_the_counts_file_and_report_reads_it(tmp_path: Path) -> None:
    db = tmp_path / "faces.sqlite3"
    conn = open_database(db)
    add_views(conn, {PageDay("/2026/a/", "2026-11-20"): 7, PageDay("/2026/b/", "2026-11-21"): 1})
    conn.close()
    counts = tmp_path / "data" / "views.json"
    pulled = invoke("reach-pull", "--db", str(db), "--output", str(counts))
    assert pulled.returncode == 0, pulled.stderr
    assert f"8 Aufrufe von 2 Seiten nach {counts} geschrieben." in pulled.stdout
    assert json.loads(counts.read_text(encoding="utf-8"))["paths"] == {
        "/2026/a/": {"2026-11-20": 7},
        "/2026/b/": {"2026-11-21": 1},
    }
    manifest = tmp_path / "manifest.json"
    pages = [
        {"path": "/2026/a/", "kind": "post", "title": "A", "date": "2026-01-01", "authors": []},
        {"path": "/2026/b/", "kind": "post", "title": "B", "date": "2026-02-01", "authors": []},
    ]
    manifest.write_text(json.dumps({"version": 1, "pages": pages}), encoding="utf-8")
    report = invoke("reach-report", "--data", str(counts), "--manifest", str(manifest))
    assert report.returncode == 0, report.stderr
    lines = report.stdout.splitlines()
    assert lines[0].startswith("Reads up to ")
    assert "A (/2026/a/), by no author" in lines[4] and "B (/2026/b/)" in lines[5]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "",
            "reach-report: {path}: Diese Datei gibt es nicht. Holen Sie die Zahlen zuerst "
            "(uv run invoke reach-pull).\n",
        ),
        (
            "en_US",
            "reach-report: {path}: this file does not exist. Pull the counts first "
            "(uv run invoke reach-pull).\n",
        ),
    ],
)
def test_report_without_counts_says_what_to_do(tmp_path: Path, locale: str, expected: str) -> None:
    path = str(tmp_path / "views.json")
    report = invoke("reach-report", "--data", path, locale=locale)
    assert (report.returncode, report.stdout, report.stderr) == (1, "", expected.format(path=path))


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "",
            "reach-report: {path}: Diese Datei gibt es nicht. Bauen Sie die Website zuerst "
            "(uv run invoke build).\n",
        ),
        (
            "en",
            "reach-report: {path}: this file does not exist. Build the site first "
            "(uv run invoke build).\n",
        ),
    ],
)
def test_report_without_a_build_says_what_to_do(tmp_path: Path, locale: str, expected: str) -> None:
    counts = tmp_path / "views.json"
    counts.write_text(json.dumps({"version": 1, "paths": {}}), encoding="utf-8")
    path = str(tmp_path / "manifest.json")
    report = invoke("reach-report", "--data", str(counts), "--manifest", path, locale=locale)
    assert (report.returncode, report.stdout, report.stderr) == (1, "", expected.format(path=path))


def test_report_on_damaged_counts_names_the_file_without_a_traceback(tmp_path: Path) -> None:
    counts = tmp_path / "views.json"
    counts.write_text(json.dumps({"version": 1, "paths": []}), encoding="utf-8")
    report = invoke("reach-report", "--data", str(counts), "--manifest", str(tmp_path / "m.json"))
    expected = f"reach-report: {counts}: 'paths' must be an object of path -> day -> views\n"
    assert (report.returncode, report.stdout, report.stderr) == (1, "", expected)
