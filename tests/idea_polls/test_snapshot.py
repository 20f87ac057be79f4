"""The results snapshot: what the backend's `snapshot` command writes is what the build reads."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from faces_common.jsonfiles import write_json
from idea_polls.model import Snapshot
from idea_polls.snapshot import SnapshotError, read_snapshots

from faces_backend.polls.ballots import Tally
from faces_backend.polls.export import snapshot
from faces_backend.polls.manifest import parse_manifest
from faces_backend.polls.suggestions import Suggestion

MANIFEST = {
    "version": 1,
    "generated": "2026-11-22T10:00:00+00:00",
    "polls": [
        {
            "id": "kantine-2027",
            "question": "Was zuerst?",
            "url": "/2026/kantine/#poll-kantine-2027",
            "options": [{"id": "salatbar", "label": "Salatbar"}, {"id": "cafe", "label": "Café"}],
            "multiple": False,
            "max": 1,
            "closes": "2027-01-31T23:59:59+01:00",
            "results": "after_vote",
            "suggestions": True,
        }
    ],
}


def test_reads_what_the_backend_writes(tmp_path: Path) -> None:
    path = tmp_path / "poll-results.json"
    approved = [Suggestion(4, "kantine-2027", "Wasserspender", "approved", "2026-11-20")]
    data = snapshot(
        parse_manifest(json.dumps(MANIFEST)),
        {"kantine-2027": Tally(7, {"salatbar": 5, "cafe": 2})},
        approved,
    )
    write_json(path, data)
    [(poll_id, read)] = read_snapshots(str(path)).items()
    assert poll_id == "kantine-2027"
    assert read == Snapshot(
        total=7,
        votes={"salatbar": 5, "cafe": 2},
        generated=datetime.fromisoformat(data["generated"]),
        suggestions=("Wasserspender",),
    )


def test_no_file_means_no_results_yet(tmp_path: Path) -> None:
    assert read_snapshots(str(tmp_path / "missing.json")) == {}


@pytest.mark.parametrize(
    "text",
    ["{", "[]", '{"polls": {"x": {"total": -1, "options": {}}}}', '{"polls": {"x": 3}}'],
)
def test_a_broken_file_is_an_error_naming_it(tmp_path: Path, text: str) -> None:
    path = tmp_path / "poll-results.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SnapshotError, match=r"poll-results\.json"):
        read_snapshots(str(path))
