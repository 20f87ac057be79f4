"""`snapshot` merges poll results into the repository: never fewer votes, closed polls final."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from faces_backend.cli import main
from faces_backend.polls.ballots import Ballot, cast_ballot
from faces_backend.polls.suggestions import queue_suggestion
from faces_backend.store.schema import open_database
from tests.backend.helpers import run_backend
from tests.pulls.helpers import Backend, vote, write_file

GENERATED = "2026-11-22T22:42:06+00:00"
Refusal = Callable[..., str]


def entry(total: int, suggestions: list[dict[str, Any]] | None = None, **options: int) -> dict:
    """One poll's results as the repository holds them."""
    return {"total": total, "options": options, "suggestions": suggestions or []}


def committed(**polls: dict[str, Any]) -> dict[str, Any]:
    """A committed results file holding these polls."""
    return {"generated": GENERATED, "polls": polls}


@pytest.fixture
def results(tmp_path: Path) -> Path:
    """Where the repository keeps the results."""
    return tmp_path / "content" / "data" / "poll-results.json"


def pull(backend: Backend, results: Path, *extra: str) -> int:
    return main(["snapshot", str(results), *extra], backend.environ)


@pytest.fixture
def refusal(backend: Backend, results: Path) -> Refusal:
    """What a pull from this backend into this results file prints when it refuses: shortfalls."""

    def printed(*shortfalls: str) -> str:
        return "\n".join(
            [
                f"faces_backend: Nichts geschrieben. Die Datenbank {backend.db.resolve()} "
                f"(FACES_DB) hat weniger als {results} im Repository:",
                *(f"  - {line}" for line in shortfalls),
                "Das ist eine zurückgesetzte, leere oder falsche Datenbank. Setzen Sie FACES_DB "
                "(bei invoke: --db) auf die Datenbank des laufenden Backends und rufen Sie den "
                "Befehl noch einmal auf. Nur wenn der Stand im Repository wirklich ersetzt werden "
                "soll: derselbe Befehl mit --replace.",
                "",
            ]
        )

    return printed


def test_an_empty_backend_writes_nothing_and_says_what_it_found(
    backend: Backend, results: Path, refusal: Refusal, capsys: pytest.CaptureFixture[str]
) -> None:
    before = write_file(results, committed(live=entry(3, cafe=2, salatbar=1)))
    assert pull(backend, results) == 1
    assert results.read_bytes() == before
    assert capsys.readouterr().err == refusal(
        "Umfrage „live“: 3 Stimmen im Repository, 0 in der Datenbank.",
        "Umfrage „live“, Option „cafe“: 2 Stimmen im Repository, 0 in der Datenbank.",
        "Umfrage „live“, Option „salatbar“: 1 Stimme im Repository, 0 in der Datenbank.",
    )


def test_a_reset_backend_with_fewer_votes_is_refused(backend: Backend, results: Path) -> None:
    before = write_file(results, committed(live=entry(4, cafe=3, salatbar=1)))
    vote(backend, "live", ("cafe",))
    assert pull(backend, results) == 1
    assert results.read_bytes() == before


def test_a_backend_ahead_is_taken_and_approved_suggestions_add_up(
    backend: Backend, results: Path
) -> None:
    kept = {"id": 1, "text": "Obstkorb"}
    write_file(results, committed(kantine_2027=entry(0), live=entry(2, [kept], cafe=1, salatbar=1)))
    vote(backend, "live", ("cafe",), ("cafe",), ("salatbar",))
    assert pull(backend, results) == 0
    polls = json.loads(results.read_text(encoding="utf-8"))["polls"]
    assert polls["live"] == entry(3, [kept], cafe=2, salatbar=1)
    # A poll the backend no longer knows stays as committed.
    assert polls["kantine_2027"] == entry(0)


def test_behind_on_one_poll_and_ahead_on_another_writes_nothing(
    backend: Backend,
    results: Path,
    refusal: Refusal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pending = tmp_path / "content" / "data" / "poll-suggestions.json"
    before = write_file(results, committed(live=entry(1, cafe=1, salatbar=0), multi=entry(5, a=5)))
    pending_before = write_file(pending, {"pending": []})
    vote(backend, "live", ("cafe",), ("salatbar",))
    vote(backend, "multi", ("a", "b"), ("b",))
    assert pull(backend, results, "--suggestions", str(pending)) == 1
    assert results.read_bytes() == before
    assert pending.read_bytes() == pending_before
    assert capsys.readouterr().err == refusal(
        "Umfrage „multi“: 5 Stimmen im Repository, 2 in der Datenbank.",
        "Umfrage „multi“, Option „a“: 5 Stimmen im Repository, 1 in der Datenbank.",
    )


@pytest.mark.parametrize("backend_votes", [0, 1, 50], ids=["none", "fewer", "more"])
def test_a_closed_poll_keeps_its_committed_results(
    backend: Backend, results: Path, backend_votes: int
) -> None:
    write_file(results, committed(closed=entry(40, cafe=25, salatbar=15)))
    conn = open_database(backend.db)
    for number in range(backend_votes):
        cast_ballot(conn, Ballot("closed", ("cafe",), f"v{number}", None, None, "2020-01-20"))
    conn.close()
    assert pull(backend, results) == 0
    polls = json.loads(results.read_text(encoding="utf-8"))["polls"]
    assert polls["closed"] == entry(40, cafe=25, salatbar=15)


def test_a_closed_poll_still_gains_suggestions_approved_later(
    backend: Backend, results: Path
) -> None:
    old = {"id": 1, "text": "Obstkorb"}
    write_file(results, committed(closed=entry(40, [old], cafe=25, salatbar=15)))
    conn = open_database(backend.db)
    queue_suggestion(conn, "closed", "Obstkorb", None, "2020-01-20")
    queue_suggestion(conn, "closed", "Wasserspender", None, "2020-01-21")
    conn.close()
    assert main(["suggestions", "approve", "2"], backend.environ) == 0
    assert pull(backend, results) == 0
    polls = json.loads(results.read_text(encoding="utf-8"))["polls"]
    added = {"id": 2, "text": "Wasserspender"}
    assert polls["closed"] == entry(40, [old, added], cafe=25, salatbar=15)


def test_the_first_pull_after_the_close_takes_the_final_count(
    backend: Backend, results: Path
) -> None:
    early = {"generated": "2020-01-10T08:00:00+00:00", "polls": {"closed": entry(1, cafe=1)}}
    write_file(results, early)
    conn = open_database(backend.db)
    for number in range(3):
        cast_ballot(conn, Ballot("closed", ("cafe",), f"v{number}", None, None, "2020-01-20"))
    conn.close()
    assert pull(backend, results) == 0
    polls = json.loads(results.read_text(encoding="utf-8"))["polls"]
    assert polls["closed"] == entry(3, cafe=3, salatbar=0)


def test_replace_writes_the_backend_state_on_purpose(backend: Backend, results: Path) -> None:
    write_file(results, committed(live=entry(9, cafe=9)))
    vote(backend, "live", ("salatbar",))
    assert pull(backend, results, "--replace") == 0
    polls = json.loads(results.read_text(encoding="utf-8"))["polls"]
    assert polls["live"] == entry(1, cafe=0, salatbar=1)


def test_the_refusal_in_english(
    backend: Backend, results: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file(results, committed(live=entry(2, cafe=2)))
    assert pull(backend, results, "--lang", "en") == 1
    err = capsys.readouterr().err
    assert err.splitlines()[:3] == [
        f"faces_backend: Nothing written. The database {backend.db.resolve()} (FACES_DB) holds "
        f"less than {results}:",
        "  - poll 'live': 2 votes in the repository, 0 in the database.",
        "  - poll 'live', option 'cafe': 2 votes in the repository, 0 in the database.",
    ]
    assert "--replace" in err.splitlines()[-1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"polls": {"live": ', "2: Die Datei ist kein gültiges JSON (Expecting value)"),
        ("[1, 2]", " „polls“ hat nicht die erwartete Form (expected an object with 'polls')"),
        (
            '{"polls": {"live": {"total": -3, "options": {}}}}',
            " „polls['live']“ hat nicht die erwartete Form",
        ),
        (
            '{"polls": {"live": {"total": true, "options": {"cafe": "9"}}}}',
            " „polls['live']“ hat nicht die erwartete Form",
        ),
        ("\udcff", "1: Die Datei ist kein gültiges JSON"),
        (
            '{"polls": {"live": {"total": 1, "options": {}, "suggestions": [{"text": "x"}]}}}',
            " „polls['live']“ hat nicht die erwartete Form",
        ),
        (
            '{"polls": {"live": {"total": 1, "options": {}, "suggestions": "Obstkorb"}}}',
            " „polls['live']“ hat nicht die erwartete Form",
        ),
    ],
    ids=["cut-off", "list", "negative", "wrong-types", "not-utf8", "nameless", "text"],
)
def test_a_broken_committed_file_is_named_and_left_alone(
    backend: Backend, results: Path, content: str, message: str
) -> None:
    results.parent.mkdir(parents=True)
    results.write_bytes(content.encode("utf-8", "surrogateescape") + b"\n")
    before = results.read_bytes()
    finished = run_backend(["snapshot", str(results)], backend.environ)
    assert finished.returncode == 1
    assert results.read_bytes() == before
    assert finished.stderr.startswith(f"faces_backend: {results}:{message}")
    assert "Traceback" not in finished.stderr


@pytest.mark.parametrize(
    "content",
    [b"", b"SQLite format 3\x00" + b"\xff" * 200, b'{"polls": {}}\n', b"\x00" * 4096],
    ids=["empty-file", "damaged-header", "json-file", "zeros"],
)
def test_a_database_path_that_is_no_database_is_named_and_nothing_written(
    backend: Backend, results: Path, tmp_path: Path, content: bytes
) -> None:
    wrong = tmp_path / "wrong.sqlite3"
    wrong.write_bytes(content)
    before = write_file(results, committed(live=entry(3, cafe=3)))
    environ = {**backend.environ, "FACES_DB": str(wrong)}
    finished = run_backend(["snapshot", str(results)], environ)
    assert results.read_bytes() == before
    assert "Traceback" not in finished.stderr
    if content:
        assert finished.returncode == 1
        assert finished.stderr.startswith(
            f"faces_backend: FACES_DB ist „{wrong}“, das ist keine SQLite-Datenbank des Backends"
        )
    else:
        # SQLite takes an empty file as an empty database: the pull refuses the zeros.
        assert finished.returncode == 1
        assert "Umfrage „live“: 3 Stimmen im Repository, 0 in der Datenbank." in finished.stderr


def test_a_missing_database_is_named_in_german(
    backend: Backend, results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.sqlite3"
    assert main(["snapshot", str(results)], {**backend.environ, "FACES_DB": str(missing)}) == 1
    assert capsys.readouterr().err == (
        f"faces_backend: FACES_DB ist „{missing}“, diese Datei gibt es nicht. Nötig ist die "
        "Datenbankdatei des laufenden Backends (bei invoke: --db).\n"
    )
    assert not results.exists()
