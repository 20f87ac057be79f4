"""Export formats and the snapshot for the site build."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from faces_backend.polls.ballots import Tally
from faces_backend.polls.export import export_csv, export_json, snapshot
from faces_backend.polls.manifest import Manifest, parse_manifest
from faces_backend.polls.suggestions import Suggestion
from tests.backend.helpers import POLLS, two_option_results, write_manifest

TALLIES = {"live": Tally(3, {"cafe": 2, "salatbar": 1}), "archived": Tally(4, {"x": 4})}


def manifest(tmp_path: Path) -> Manifest:
    return parse_manifest(write_manifest(tmp_path / "polls.json", POLLS).read_text())


def test_export_json_ignores_the_results_mode(tmp_path: Path) -> None:
    data = json.loads(export_json(manifest(tmp_path), TALLIES))
    assert [p["id"] for p in data["polls"]] == ["kantine-2027", "live", "multi", "closed", "later"]
    live = data["polls"][1]
    assert live == {
        "id": "live",
        "question": "Frage live?",
        **two_option_results(salatbar=1, cafe=2),
    }
    only = json.loads(export_json(manifest(tmp_path), TALLIES, poll="later"))
    assert [p["id"] for p in only["polls"]] == ["later"]


def test_export_csv(tmp_path: Path) -> None:
    table = list(csv.reader(io.StringIO(export_csv(manifest(tmp_path), TALLIES, poll="live"))))
    assert table == [
        ["poll", "option", "label", "votes", "total"],
        ["live", "salatbar", "Salatbar", "1", "3"],
        ["live", "cafe", "Café", "2", "3"],
    ]


def test_snapshot_has_every_poll_and_approved_suggestions_only(tmp_path: Path) -> None:
    approved = [Suggestion(7, "kantine-2027", "Suppe", "approved", "2026-11-22")]
    data = snapshot(manifest(tmp_path), TALLIES, approved)
    assert set(data) == {"generated", "polls"}
    assert data["polls"]["live"] == {
        "total": 3,
        "options": {"salatbar": 1, "cafe": 2},
        "suggestions": [],
    }
    assert data["polls"]["kantine-2027"]["suggestions"] == [{"id": 7, "text": "Suppe"}]
    assert data["polls"]["later"] == {
        "total": 0,
        "options": {"salatbar": 0, "cafe": 0},
        "suggestions": [],
    }
    assert data["polls"]["archived"] == {"total": 4, "options": {"x": 4}, "suggestions": []}
