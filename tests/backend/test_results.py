"""When readers may see results, and their shape."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from faces_backend.polls.ballots import Tally
from faces_backend.polls.manifest import Poll, parse_manifest
from faces_backend.polls.results import hidden_reason, results_body
from tests.backend.helpers import POLLS, write_manifest

pytestmark = pytest.mark.both_stores

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def polls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Poll]:
    path = write_manifest(tmp_path_factory.mktemp("m") / "polls.json", POLLS)
    return parse_manifest(path.read_text()).polls


@pytest.mark.parametrize(
    ("poll_id", "has_voted", "reason"),
    [
        ("live", False, None),
        ("kantine-2027", False, "after_vote"),
        ("kantine-2027", True, None),
        ("later", True, "after_close"),
        ("closed", False, None),
    ],
)
def test_hidden_reason(
    polls: dict[str, Poll], poll_id: str, has_voted: bool, reason: str | None
) -> None:
    assert hidden_reason(polls[poll_id], now=NOW, has_voted=has_voted) == reason


def test_results_body_lists_every_option_in_manifest_order(polls: dict[str, Poll]) -> None:
    tally = Tally(total=3, votes={"cafe": 3, "gone": 5})
    assert results_body(polls["live"], tally, now=NOW) == {
        "total": 3,
        "options": [
            {"id": "salatbar", "label": "Salatbar", "votes": 0},
            {"id": "cafe", "label": "Café", "votes": 3},
        ],
        "closed": False,
    }
