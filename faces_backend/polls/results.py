"""Poll results as readers see them, and when they may see them (the results mode)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from faces_backend.polls.ballots import Tally
from faces_backend.polls.manifest import Poll


def hidden_reason(poll: Poll, *, now: datetime, has_voted: bool) -> str | None:
    """Return None if this reader may see the results now, else the mode that hides them.

    `live`: always. `after_vote`: once the reader has voted, and for everyone once the
    poll is closed. `after_close`: once the poll is closed (never if `closes` is null).
    """
    if poll.results == "live" or poll.closed_at(now):
        return None
    if poll.results == "after_vote" and has_voted:
        return None
    return poll.results


def results_body(poll: Poll, tally: Tally, *, now: datetime) -> dict[str, Any]:
    """Return the results JSON of a poll: total ballots, votes per option, closed or not."""
    return {
        "total": tally.total,
        "options": [
            {"id": option_id, "label": label, "votes": tally.votes.get(option_id, 0)}
            for option_id, label in poll.options.items()
        ],
        "closed": poll.closed_at(now),
    }
