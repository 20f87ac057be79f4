"""`invoke poll-results` and `invoke reach-pull`, run the way an editor runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.pulls.helpers import count_views, make_backend, run_invoke, suggest, vote, write_file

COMMITTED = {
    "generated": "2026-11-22T22:42:06+00:00",
    "polls": {"live": {"total": 87, "options": {"cafe": 50, "salatbar": 37}, "suggestions": []}},
}


def pull_polls(backend: Any, results: Path, pending: Path) -> Any:
    """Run `invoke poll-results` against this backend into these two files."""
    return run_invoke(
        "poll-results",
        f"--db={backend.db}",
        f"--manifest={backend.manifest}",
        f"--results={results}",
        f"--suggestions={pending}",
    )


def test_poll_results_from_a_reset_backend_refuses_and_keeps_both_files(tmp_path: Path) -> None:
    backend = make_backend(tmp_path / "backend")
    vote(backend, "live", ("cafe",))
    suggest(backend, "kantine-2027", "Neue Idee")
    results = tmp_path / "data" / "poll-results.json"
    pending = tmp_path / "data" / "poll-suggestions.json"
    before = write_file(results, COMMITTED)
    pending_before = write_file(pending, {"pending": []})
    run = pull_polls(backend, results, pending)
    assert run.returncode == 1
    assert results.read_bytes() == before
    assert pending.read_bytes() == pending_before
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[1] == (
        "  - Umfrage „live“: 87 Stimmen im Repository, 1 in der Datenbank."
    )
    assert f"Die Datenbank {backend.db.resolve()} (FACES_DB)" in run.stderr


def test_poll_results_from_a_backend_ahead_writes_both_files(tmp_path: Path) -> None:
    backend = make_backend(tmp_path / "backend")
    vote(backend, "live", ("cafe",), ("cafe",))
    suggest(backend, "kantine-2027", "Neue Idee")
    results = tmp_path / "data" / "poll-results.json"
    pending = tmp_path / "data" / "poll-suggestions.json"
    write_file(results, {"polls": {"live": {"total": 1, "options": {"cafe": 1}}}})
    run = pull_polls(backend, results, pending)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        f"Stand von 5 Umfragen nach {results} geschrieben.",
        f"1 offener Vorschlag in {pending}.",
    ]
    live = json.loads(results.read_text(encoding="utf-8"))["polls"]["live"]
    assert live == {"total": 2, "options": {"cafe": 2, "salatbar": 0}, "suggestions": []}
    [queued] = json.loads(pending.read_text(encoding="utf-8"))["pending"]
    assert queued["text"] == "Neue Idee"


def test_reach_pull_from_an_empty_backend_refuses(tmp_path: Path) -> None:
    backend = make_backend(tmp_path / "backend")
    counts = tmp_path / "data" / "views.json"
    before = write_file(
        counts, {"version": 1, "days": "UTC", "paths": {"/2026/a/": {"2026-11-20": 31}}}
    )
    run = run_invoke("reach-pull", f"--db={backend.db}", f"--output={counts}")
    assert run.returncode == 1
    assert counts.read_bytes() == before
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[1] == (
        "  - /2026/a/ am 2026-11-20: 31 Aufrufe im Repository, 0 in der Datenbank."
    )


def test_reach_pull_merges_a_backend_ahead(tmp_path: Path) -> None:
    backend = make_backend(tmp_path / "backend")
    count_views(backend, {("/2026/a/", "2026-11-20"): 40})
    counts = tmp_path / "data" / "views.json"
    write_file(counts, {"version": 1, "days": "UTC", "paths": {"/2026/a/": {"2026-11-20": 31}}})
    run = run_invoke("reach-pull", f"--db={backend.db}", f"--output={counts}")
    assert run.returncode == 0, run.stderr
    assert json.loads(counts.read_text(encoding="utf-8"))["paths"] == {
        "/2026/a/": {"2026-11-20": 40}
    }


def test_an_english_site_gets_the_refusal_in_english(tmp_path: Path) -> None:
    backend = make_backend(tmp_path / "backend")
    counts = tmp_path / "data" / "views.json"
    write_file(counts, {"version": 1, "days": "UTC", "paths": {"/en/a/": {"2026-11-20": 2}}})
    run = run_invoke(
        "reach-pull", f"--db={backend.db}", f"--output={counts}", environ={"FACES_LOCALE": "en_GB"}
    )
    assert run.returncode == 1
    assert run.stderr.splitlines()[1] == (
        "  - /en/a/ on 2026-11-20: 2 views in the repository, 0 in the database."
    )
