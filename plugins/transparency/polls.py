"""Read the idea polls that the idea_polls plugin publishes, when it is enabled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PollOutcome:
    """A poll's result and decision as the page shows them."""

    id: str
    question: str
    article_url: str | None
    article_title: str | None
    total: int | None  # None: no results known yet
    leaders: tuple[str, ...]  # labels of the option(s) with the most votes
    leading_votes: int | None
    decision_status: str | None
    decision_response: str | None
    withheld: bool = False  # the poll is open and shows results only to voters or at its close


def read_polls(
    context: Mapping[str, Any], today: dt.date, site_url: str = ""
) -> list[PollOutcome] | None:
    """Every poll with its outcome, or None when no plugin published any."""
    polls = context.get("idea_polls")
    if polls is None:
        return None
    return [_outcome(poll, today, site_url) for poll in polls]


def site_path(url: str | None, site_url: str) -> str | None:
    """A link inside the site as a path relative to SITEURL, like Pelican's own `url`."""
    # idea_polls publishes its posts' addresses with SITEURL in front, Pelican without.
    if url is None:
        return None
    if site_url and url.startswith(f"{site_url}/"):
        return url[len(site_url) + 1 :]
    return url if url.startswith(("http://", "https://")) else url.lstrip("/")


def _outcome(poll: Any, today: dt.date, site_url: str) -> PollOutcome:
    labels = {
        str(_get(option, "id")): str(_get(option, "label") or _get(option, "id"))
        for option in _get(poll, "options") or []
    }
    withheld = _withheld(poll, today)
    snapshot = None if withheld else _get(poll, "snapshot")
    total: int | None = None
    leaders: tuple[str, ...] = ()
    leading: int | None = None
    if snapshot is not None:
        total = int(_get(snapshot, "total") or 0)
        votes = _option_votes(snapshot)
        if votes and max(votes.values()) > 0:
            leading = max(votes.values())
            # The poll's own option order; options only the results know come last.
            order = [*labels, *(option for option in votes if option not in labels)]
            leaders = tuple(
                labels.get(option, option) for option in order if votes.get(option) == leading
            )
    decision = _get(poll, "decision")
    return PollOutcome(
        id=str(_get(poll, "id")),
        question=str(_get(poll, "question") or ""),
        article_url=site_path(_get(poll, "article_url") or None, site_url),
        article_title=_get(poll, "article_title"),
        total=total,
        leaders=leaders,
        leading_votes=leading,
        decision_status=_get(decision, "status") if decision is not None else None,
        decision_response=_get(decision, "response") if decision is not None else None,
        withheld=withheld,
    )


def _withheld(poll: Any, today: dt.date) -> bool:
    # Results shown only after voting or closing must not appear here while the poll runs.
    mode = _get(poll, "results_mode") or _get(poll, "results")
    if mode is None or mode == "live":
        return False
    closes = _get(poll, "closes")
    if isinstance(closes, dt.datetime):
        closes = closes.date()
    elif isinstance(closes, str):
        try:
            closes = dt.date.fromisoformat(closes[:10])
        except ValueError:
            closes = None
    # On the closing day itself the poll may still take votes.
    return not isinstance(closes, dt.date) or closes >= today


def _option_votes(snapshot: Any) -> dict[str, int]:
    # idea_polls' Snapshot calls the mapping `votes`, the backend's JSON snapshot `options`.
    votes = _get(snapshot, "votes")
    if votes is None:
        votes = _get(snapshot, "options")
    if not isinstance(votes, Mapping):
        return {}
    return {str(option): int(count or 0) for option, count in votes.items()}


def _get(item: Any, name: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)
