"""Results for people and for the repository: export (JSON/CSV) and the site snapshot.

Both ignore the results modes: they are for the company and the site build, which
applies the mode itself when it shows the last snapshot.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

from faces_backend.polls.ballots import Tally
from faces_backend.polls.manifest import Manifest
from faces_backend.polls.results import results_body
from faces_backend.polls.suggestions import Suggestion


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def export_json(manifest: Manifest, tallies: dict[str, Tally], poll: str | None = None) -> str:
    """Return every poll's results (or one poll's) as indented JSON."""
    now = datetime.now(UTC)
    polls = [
        {
            "id": p.id,
            "question": p.question,
            **results_body(p, tallies.get(p.id, Tally(0, {})), now=now),
        }
        for p in manifest.polls.values()
        if poll is None or p.id == poll
    ]
    return json.dumps({"generated": _now(), "polls": polls}, ensure_ascii=False, indent=2) + "\n"


def export_csv(manifest: Manifest, tallies: dict[str, Tally], poll: str | None = None) -> str:
    """Return one CSV row per poll option: poll, option, label, votes, total ballots."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["poll", "option", "label", "votes", "total"])
    for p in manifest.polls.values():
        if poll is not None and p.id != poll:
            continue
        tally = tallies.get(p.id, Tally(0, {}))
        for option_id, label in p.options.items():
            writer.writerow([p.id, option_id, label, tally.votes.get(option_id, 0), tally.total])
    return out.getvalue()


def snapshot(
    manifest: Manifest, tallies: dict[str, Tally], approved: list[Suggestion]
) -> dict[str, Any]:
    """Return the snapshot: every poll's total, votes per option and approved suggestions.

    Polls that are no longer in the manifest but have ballots are kept, with the option
    ids found in the database.
    """
    polls: dict[str, Any] = {}
    for poll in manifest.polls.values():
        tally = tallies.get(poll.id, Tally(0, {}))
        options = {option_id: tally.votes.get(option_id, 0) for option_id in poll.options}
        polls[poll.id] = {"total": tally.total, "options": options}
    for poll_id in sorted(set(tallies) - set(polls)):
        polls[poll_id] = {"total": tallies[poll_id].total, "options": dict(tallies[poll_id].votes)}
    for entry in polls.values():
        entry["suggestions"] = []
    for suggestion in approved:
        if suggestion.poll in polls:
            polls[suggestion.poll]["suggestions"].append(
                {"id": suggestion.id, "text": suggestion.text}
            )
    return {"generated": _now(), "polls": polls}
