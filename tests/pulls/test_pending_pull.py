"""`snapshot --suggestions` merges pending suggestions: one leaves only once it was decided."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faces_backend.cli import main
from tests.backend.helpers import rows
from tests.pulls.helpers import Backend, make_backend, suggest, write_file


@pytest.fixture
def backend(tmp_path: Path) -> Backend:
    """A backend with three suggestions queued through the app: 1 and 2 decided, 3 pending."""
    made = make_backend(tmp_path / "backend")
    suggest(made, "kantine-2027", "Obstkorb\nfür alle", "Werbung", "Wasserspender")
    assert main(["suggestions", "approve", "1"], made.environ) == 0
    assert main(["suggestions", "reject", "2"], made.environ) == 0
    return made


def pull(backend: Backend, tmp_path: Path) -> tuple[int, Path]:
    pending = tmp_path / "content" / "data" / "poll-suggestions.json"
    results = tmp_path / "content" / "data" / "poll-results.json"
    code = main(["snapshot", str(results), "--suggestions", str(pending)], backend.environ)
    return code, pending


def item(number: int, text: str, day: str, poll: str = "kantine-2027") -> dict[str, object]:
    return {"id": number, "poll": poll, "day": day, "text": text}


def test_decided_ones_leave_unknown_ones_stay_new_ones_come(
    backend: Backend, tmp_path: Path
) -> None:
    pending = tmp_path / "content" / "data" / "poll-suggestions.json"
    day = _days(backend)[0]
    write_file(
        pending,
        {
            "pending": [
                # Written by the old pull, line breaks shown as " / ".
                item(1, "Obstkorb / für alle", day),
                item(2, "Werbung", day),
                # The database no longer has it (an older database): it stays.
                item(17, "Velo-Waschplatz", "2026-05-01"),
            ]
        },
    )
    code, pending = pull(backend, tmp_path)
    assert code == 0
    assert json.loads(pending.read_text(encoding="utf-8")) == {
        "pending": [item(3, "Wasserspender", day), item(17, "Velo-Waschplatz", "2026-05-01")]
    }


def test_an_empty_backend_keeps_every_pending_suggestion(tmp_path: Path) -> None:
    empty = make_backend(tmp_path / "empty")
    pending = tmp_path / "content" / "data" / "poll-suggestions.json"
    kept = {"pending": [item(4, "Suppe", "2026-10-01"), item(5, "Brot", "2026-10-02")]}
    write_file(pending, kept)
    code, pending = pull(empty, tmp_path)
    assert code == 0
    assert json.loads(pending.read_text(encoding="utf-8")) == kept


@pytest.mark.parametrize(
    "other",
    [
        {"text": "Etwas ganz anderes"},
        {"poll": "live"},
        {"day": "2020-01-01"},
    ],
    ids=["text", "poll", "day"],
)
def test_the_same_id_for_another_suggestion_means_another_database(
    backend: Backend, tmp_path: Path, other: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    pending = tmp_path / "content" / "data" / "poll-suggestions.json"
    before = write_file(pending, {"pending": [{**item(1, "Obstkorb", _days(backend)[0]), **other}]})
    code, pending = pull(backend, tmp_path)
    assert code == 1
    assert pending.read_bytes() == before
    assert not (tmp_path / "content" / "data" / "poll-results.json").exists()
    assert "  - Vorschlag 1 (Umfrage „" in capsys.readouterr().err


def test_a_broken_pending_file_is_named_and_left_alone(
    backend: Backend, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pending = tmp_path / "content" / "data" / "poll-suggestions.json"
    before = write_file(pending, {"pending": [{"id": "eins"}]})
    code, pending = pull(backend, tmp_path)
    assert code == 1
    assert pending.read_bytes() == before
    assert capsys.readouterr().err.startswith(
        f"faces_backend: {pending}: „pending[0]“ hat nicht die erwartete Form"
    )


def _days(backend: Backend) -> list[str]:
    return [day for (day,) in rows(backend.db, "SELECT created_day FROM suggestions ORDER BY id")]
