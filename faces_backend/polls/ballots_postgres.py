"""Casting ballots on PostgreSQL: a writer batch's votes in one statement, not one per vote.

The same decisions as `ballots.cast_ballot` (retry by `_sid`, one ballot per voter, the cap per
address, then the ballot, its choices, the counters and a suggestion), written as one statement
over arrays of votes whose data-modifying parts take only the votes decided "counted". Every
part sees the same snapshot, taken inside the writer's batch, which holds the write lock of all
instances (`store.postgres.WRITE_LOCK`): no other instance's ballot can slip in between the
checks and the inserts, so the cap per address holds across instances.

Votes that one-by-one would see each other (the same voter or `_sid` in one poll, which one
snapshot cannot tell apart) go into consecutive statements (`_without_collisions`); votes from
one address are numbered in the batch's order, so the cap counts the earlier ones of the same
statement too. The answer's counts are the poll's counts before the statement plus the votes
counted up to each vote, so every vote is answered exactly as if cast alone. A vote may also
carry its post's rate-limit hit (`Cast.rate`): the statement records it under the key's lock
and refuses the vote first if it is over the limit, as the gate would have.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from faces_backend.http.shared_ratelimit import RATE_LOCK_CLASS, RateHit, seconds_to_wait
from faces_backend.polls.ballots import Ballot, Tally, WriteOutcome
from faces_backend.polls.cast_statement import CAST_BALLOTS
from faces_backend.store.connection import Connection, Cursor
from faces_backend.store.jobs import Later, Together
from faces_backend.store.postgres_connection import KEY_LOCKS, send


@dataclass(frozen=True)
class Cast:
    """One vote for the batch statement: the ballot, the cap per address, the rate-limit hit."""

    ballot: Ballot
    address_cap: int = 0
    rate: RateHit | None = None  # the post's rate-limit hit, recorded with the vote


def ballot_job(
    ballot: Ballot, address_cap: int = 0, rate: RateHit | None = None
) -> Together[Cast, WriteOutcome]:
    """Return the writer job of one vote; the writer casts a batch's votes together."""
    return Together(cast_ballots_postgres, Cast(ballot, address_cap, rate))


def cast_ballot_postgres(
    conn: Connection, ballot: Ballot, address_cap: int = 0
) -> Later[WriteOutcome]:
    """Store a ballot unless it is a retry, the voter already voted or the address is full."""
    return cast_ballots_postgres(conn, [Cast(ballot, address_cap)])[0]


def cast_ballots_postgres(conn: Connection, casts: list[Cast]) -> list[Later[WriteOutcome]]:
    """Cast votes in order, with the outcomes of `ballots.cast_ballot` one after the other.

    A writer job for PostgreSQL: one statement per run of votes that do not collide, sent with
    the rest of the batch; the outcomes are read once the batch has committed. Votes that
    carry their rate-limit hit are refused first if it is over the limit, as the gate would.
    """
    keys = sorted({cast.rate.key for cast in casts if cast.rate is not None})
    if keys:
        # All at once and in one order, as the rate limit's own groups take them: the hits of
        # another instance's group on the same key wait for this batch, never in a ring.
        send(conn, KEY_LOCKS, (RATE_LOCK_CLASS, keys))
    now_ms = int(time.time() * 1000)
    results: list[Later[WriteOutcome]] = []
    for group in _without_collisions(casts):
        since_ms, values = _values(group, now_ms)
        sent = _Sent(send(conn, CAST_BALLOTS, values), group, since_ms)
        results += [Later(functools.partial(_nth, sent, n)) for n in range(len(group))]
    return results


class _Sent:
    """One statement's votes, whose outcomes are read once (after the batch's COMMIT)."""

    def __init__(self, read: Callable[[], Cursor], group: list[Cast], since_ms: int) -> None:
        self._read = read
        self._group = group
        self._since_ms = since_ms

    @functools.cached_property
    def outcomes(self) -> list[WriteOutcome]:
        """Return the outcome of each vote, in order."""
        return _outcomes(self._read().fetchall(), self._group, self._since_ms)


def _nth(sent: _Sent, n: int) -> WriteOutcome:
    return sent.outcomes[n]


def _rule(cast: Cast) -> tuple[int, int | None, int | None]:
    if cast.rate is None:
        return (cast.address_cap, None, None)
    return (cast.address_cap, cast.rate.limit, cast.rate.window_ms)


def _without_collisions(casts: list[Cast]) -> list[list[Cast]]:
    """Split the votes, in order, so no statement holds two with one voter or `_sid` in a poll.

    Votes under another cap per address or rate-limit rule start a statement of their own too.
    """
    groups: list[list[Cast]] = []
    seen: set[tuple[str, str, str]] = set()
    for cast in casts:
        ballot = cast.ballot
        keys = {("voter", ballot.poll, ballot.voter_hash)}
        if ballot.sid is not None:
            keys.add(("sid", ballot.poll, ballot.sid))
        if not groups or keys & seen or _rule(cast) != _rule(groups[-1][0]):
            groups.append([])
            seen = set()
        groups[-1].append(cast)
        seen |= keys
    return groups


def _values(group: list[Cast], now_ms: int) -> tuple[int, tuple[Any, ...]]:
    """Return the start of the rate-limit window and the statement's parameters."""
    ballots = [cast.ballot for cast in group]
    positions = [n for n, ballot in enumerate(ballots, start=1) for _ in ballot.options]
    options = [option for ballot in ballots for option in ballot.options]
    rate = group[0].rate
    since_ms = now_ms - (rate.window_ms if rate is not None else 0)
    sweep = any(cast.rate is not None and cast.rate.sweep for cast in group)
    return since_ms, (
        group[0].address_cap,
        rate.limit if rate is not None else 0,
        since_ms,
        now_ms,
        sweep,
        [ballot.poll for ballot in ballots],
        [ballot.voter_hash for ballot in ballots],
        [ballot.ip_hash for ballot in ballots],
        [ballot.sid for ballot in ballots],
        [ballot.day for ballot in ballots],
        [ballot.suggestion for ballot in ballots],
        [cast.rate.key if cast.rate is not None else None for cast in group],
        positions,
        options,
    )


def _outcomes(rows: list[tuple[Any, ...]], group: list[Cast], since_ms: int) -> list[WriteOutcome]:
    counts: dict[str, tuple[int, dict[str, int]]] = {}
    decided: dict[int, tuple[str, bool, bool, int | None]] = {}
    for position, word, queued, found, oldest, total, votes in rows:
        if position is None:
            counts[word] = (int(total), {option: int(n) for option, n in votes.items()})
        else:
            decided[int(position)] = (word, bool(queued), bool(found), oldest)
    outcomes = []
    for position, cast in enumerate(group, start=1):
        status, queued, found, oldest = decided[position]
        if status == "rate_limited" and oldest is not None:
            wait = seconds_to_wait(int(oldest), since_ms)
            outcomes.append(WriteOutcome("rate_limited", retry_after=wait))
            continue
        total, votes = counts[cast.ballot.poll]
        if status == "counted":
            total += 1
            for option in cast.ballot.options:
                votes[option] = votes.get(option, 0) + 1
            counts[cast.ballot.poll] = (total, votes)
        # The counts right after this vote: the answer needs no read of its own.
        tally = Tally(total=total, votes=dict(votes))
        outcomes.append(_outcome(status, queued, found, tally, cast.ballot))
    return outcomes


def _outcome(status: str, queued: bool, found: bool, tally: Tally, ballot: Ballot) -> WriteOutcome:
    kept = ballot.suggestion is None or found
    if status == "retry":
        return WriteOutcome("counted", duplicate_retry=True, suggestion_kept=kept, tally=tally)
    if status == "already_voted":
        return WriteOutcome("already_voted", tally=tally)
    if status == "address_limit":
        return WriteOutcome("address_limit", tally=tally)
    # A suggestion sent before under this `_sid` (without choices) is not stored twice.
    return WriteOutcome("counted", suggestion_kept=kept if queued else True, tally=tally)
