"""Suggestions: queued as pending, listed, approved or rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from faces_backend.polls.ballots import WriteOutcome
from faces_backend.polls.suggestions import Suggestion, decide, list_suggestions, queue_suggestion
from faces_backend.store.schema import open_database

pytestmark = pytest.mark.both_stores


def test_queue_list_and_decide(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "polls.sqlite3")
    assert queue_suggestion(conn, "p", "Suppe", "sid-0001", "2026-11-22") == WriteOutcome(
        "suggestion_queued"
    )
    assert queue_suggestion(conn, "p", "Suppe", "sid-0001", "2026-11-22") == WriteOutcome(
        "suggestion_queued", duplicate_retry=True
    )
    queue_suggestion(conn, "q", "Obst", None, "2026-11-22")
    queue_suggestion(conn, "q", "Obst", None, "2026-11-22")
    assert list_suggestions(conn) == [
        Suggestion(1, "p", "Suppe", "pending", "2026-11-22"),
        Suggestion(2, "q", "Obst", "pending", "2026-11-22"),
        Suggestion(3, "q", "Obst", "pending", "2026-11-22"),
    ]
    assert decide(conn, 2, "approved", "2026-11-23")
    assert decide(conn, 3, "rejected", "2026-11-23")
    assert not decide(conn, 99, "approved", "2026-11-23")
    assert [s.id for s in list_suggestions(conn, status="pending")] == [1]
    assert [s.id for s in list_suggestions(conn, status="approved", poll="q")] == [2]
    assert list_suggestions(conn, status="approved", poll="p") == []
    conn.close()
