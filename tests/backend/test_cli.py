"""The command line: export, snapshot, moderation, and start-up errors in one line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from faces_backend.cli import main
from faces_backend.polls.ballots import Ballot, cast_ballot
from faces_backend.polls.suggestions import queue_suggestion
from faces_backend.store import Connection
from faces_backend.store.postgres import connect_postgres
from faces_backend.store.schema import open_database
from tests.backend.helpers import POLLS, run_backend, write_manifest

REPO = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.both_stores


@pytest.fixture
def environ(tmp_path: Path, database_url: str) -> dict[str, str]:
    """Variables of a backend with two ballots and two suggestions in its database."""
    manifest = write_manifest(tmp_path / "polls.json", POLLS)
    conn: Connection = (
        connect_postgres(database_url)
        if database_url
        else open_database(tmp_path / "polls.sqlite3")
    )
    cast_ballot(conn, Ballot("live", ("cafe",), "v1", None, None, "2026-11-22"))
    cast_ballot(conn, Ballot("multi", ("a", "c"), "v1", None, None, "2026-11-22"))
    queue_suggestion(conn, "kantine-2027", "Suppe\nmit Brot", None, "2026-11-22")
    queue_suggestion(conn, "kantine-2027", "Werbung", None, "2026-11-22")
    conn.close()
    environ = {"FACES_DB": str(tmp_path / "polls.sqlite3"), "FACES_MANIFEST": str(manifest)}
    return {**environ, "FACES_DATABASE_URL": database_url} if database_url else environ


def test_export_json(environ: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json", "--poll", "multi"], environ) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["polls"] == [
        {
            "id": "multi",
            "question": "Frage multi?",
            "total": 1,
            "options": [
                {"id": "a", "label": "A", "votes": 1},
                {"id": "b", "label": "B", "votes": 0},
                {"id": "c", "label": "C", "votes": 1},
            ],
            "closed": False,
        }
    ]


def test_export_csv(environ: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--poll", "live"], environ) == 0
    assert capsys.readouterr().out == (
        "poll,option,label,votes,total\nlive,salatbar,Salatbar,0,1\nlive,cafe,Café,1,1\n"
    )


def test_export_of_an_unknown_poll(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--poll", "nope"], environ) == 1
    assert capsys.readouterr().err == (
        "faces_backend: --poll 'nope' is not in the manifest. Known polls: closed, "
        "kantine-2027, later, live, multi.\n"
    )


def test_snapshot(
    environ: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "content" / "data" / "poll-results.json"
    assert main(["snapshot", str(target), "--lang", "en"], environ) == 0
    assert capsys.readouterr().out == f"Wrote the results of 5 polls to {target}.\n"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["polls"]["live"] == {
        "total": 1,
        "options": {"cafe": 1, "salatbar": 0},
        "suggestions": [],
    }
    assert data["polls"]["later"]["total"] == 0


def test_moderation(environ: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggestions", "list"], environ) == 0
    assert capsys.readouterr().out == (
        "1\tkantine-2027\tpending\t2026-11-22\tSuppe / mit Brot\n"
        "2\tkantine-2027\tpending\t2026-11-22\tWerbung\n"
    )
    assert main(["suggestions", "approve", "1"], environ) == 0
    assert main(["suggestions", "reject", "2"], environ) == 0
    assert capsys.readouterr().out == "Suggestion 1 approved.\nSuggestion 2 rejected.\n"
    assert main(["suggestions", "list"], environ) == 0
    assert capsys.readouterr().out == ""
    assert main(["suggestions", "list", "--status", "all", "--poll", "kantine-2027"], environ) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1\tkantine-2027\tapproved\t2026-11-22\tSuppe / mit Brot",
        "2\tkantine-2027\trejected\t2026-11-22\tWerbung",
    ]
    assert main(["suggestions", "approve", "9"], environ) == 1
    assert capsys.readouterr().err == "faces_backend: there is no suggestion with id 9.\n"


def test_missing_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    environ = {"FACES_DB": str(tmp_path / "none.sqlite3")}
    assert main(["suggestions", "list"], environ) == 1
    assert capsys.readouterr().err == (
        f"faces_backend: FACES_DB has value '{tmp_path / 'none.sqlite3'}', which does not "
        "exist. Expected the database file of the running backend.\n"
    )


def run_serve(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_backend(["serve", "--port", "9"], environ, timeout=60)


def test_serve_with_a_bad_value_says_so_in_one_line(environ: dict[str, str]) -> None:
    result = run_serve({**environ, "FACES_DEV": "1", "FACES_RATE_LIMIT": "ten"})
    assert result.returncode == 2
    assert result.stderr == (
        "faces_backend: FACES_RATE_LIMIT has value 'ten'. Expected a whole number of requests "
        "per minute, e.g. 600.\n"
    )


def test_serve_with_a_broken_manifest_says_so_in_one_line(
    environ: dict[str, str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": 1, "polls": [{"id": "p", "options": []}]}', encoding="utf-8")
    result = run_serve({**environ, "FACES_DEV": "1", "FACES_MANIFEST": str(broken)})
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"faces_backend: poll manifest {broken}: poll 'p': 'options' must be a non-empty list"
    )
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(environ: dict[str, str]) -> None:
    result = run_serve({**environ, "FACES_DEV": "1", "FACES_RATE_LIMIT": "ten", "FACES_DEBUG": "1"})
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "ConfigError" in result.stderr
