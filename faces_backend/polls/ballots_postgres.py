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
counted up to each vote, so every vote is answered exactly as if cast alone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from faces_backend.polls.ballots import Ballot, Tally, WriteOutcome
from faces_backend.store.connection import Connection, Cursor
from faces_backend.store.jobs import Later, Together
from faces_backend.store.postgres_connection import send

# Counters are raised in one order (by poll and option, byte order as Python's `sorted`), so
# two transactions never take the same counter rows in different orders.
CAST_BALLOTS = """
WITH given AS (
    SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
        WITH ORDINALITY AS g (poll, voter_hash, ip_hash, sid, day, suggestion, position)
),
picked AS (
    SELECT * FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS p (position, option, place)
),
previous AS (
    -- Looked up vote by vote (LATERAL ... LIMIT 1: an index probe each), never by hashing
    -- a whole table, which the planner may prefer for a handful of rows and small tables.
    SELECT g.position, counted.found IS NOT NULL AS counted, voted.found IS NOT NULL AS voted,
        queued.text IS NOT NULL AS queued, coalesce(queued.text = g.suggestion, false) AS kept
    FROM given g
        LEFT JOIN LATERAL (
            SELECT true AS found FROM ballots b WHERE b.poll = g.poll AND b.sid = g.sid LIMIT 1
        ) AS counted ON true
        LEFT JOIN LATERAL (
            SELECT true AS found FROM ballots b
            WHERE b.poll = g.poll AND b.voter_hash = g.voter_hash LIMIT 1
        ) AS voted ON true
        LEFT JOIN LATERAL (
            SELECT s.text FROM suggestions s WHERE s.poll = g.poll AND s.sid = g.sid LIMIT 1
        ) AS queued ON true
),
capped AS (
    SELECT g.position, g.poll, g.ip_hash,
        row_number() OVER (PARTITION BY g.poll, g.ip_hash ORDER BY g.position) AS place
    FROM given g JOIN previous p ON p.position = g.position
    WHERE NOT p.counted AND NOT p.voted
),
decision AS (
    SELECT p.position, CASE
        WHEN p.counted THEN 'retry'
        WHEN p.voted THEN 'already_voted'
        WHEN ?::bigint > 0 AND c.ip_hash IS NOT NULL AND c.place + (
            SELECT count(*) FROM ballots b WHERE b.poll = c.poll AND b.ip_hash = c.ip_hash
        ) > ?::bigint THEN 'address_limit'
        ELSE 'counted'
    END AS status
    FROM previous p LEFT JOIN capped c ON c.position = p.position
),
counted AS (
    SELECT g.* FROM given g JOIN decision d ON d.position = g.position
    WHERE d.status = 'counted'
),
ballot AS (
    INSERT INTO ballots (poll, voter_hash, ip_hash, sid, created_day)
    SELECT c.poll, c.voter_hash, c.ip_hash, c.sid, c.day FROM counted c ORDER BY c.position
    RETURNING id, poll, voter_hash
),
chosen AS (
    INSERT INTO choices (ballot_id, poll, option)
    SELECT b.id, b.poll, p.option
    FROM ballot b
        JOIN counted c ON c.poll = b.poll AND c.voter_hash = b.voter_hash
        JOIN picked p ON p.position = c.position
    ORDER BY p.place
),
tallied AS (
    INSERT INTO tallies (poll, option, votes)
    SELECT c.poll, p.option, count(*) FROM counted c JOIN picked p ON p.position = c.position
    GROUP BY c.poll, p.option ORDER BY c.poll COLLATE "C", p.option COLLATE "C"
    ON CONFLICT (poll, option) DO UPDATE SET votes = tallies.votes + excluded.votes
),
totalled AS (
    INSERT INTO totals (poll, ballots)
    SELECT c.poll, count(*) FROM counted c GROUP BY c.poll ORDER BY c.poll COLLATE "C"
    ON CONFLICT (poll) DO UPDATE SET ballots = totals.ballots + excluded.ballots
),
suggested AS (
    INSERT INTO suggestions (poll, text, sid, created_day)
    SELECT c.poll, c.suggestion, c.sid, c.day
    FROM counted c JOIN previous p ON p.position = c.position
    WHERE c.suggestion IS NOT NULL AND NOT p.queued
    ORDER BY c.position
)
SELECT p.position, d.status, p.queued, p.kept, NULL::bigint, NULL::json
FROM previous p JOIN decision d ON d.position = p.position
UNION ALL
SELECT NULL, polls.poll, NULL, NULL,
    coalesce((SELECT t.ballots FROM totals t WHERE t.poll = polls.poll), 0),
    (SELECT coalesce(json_object_agg(t.option, t.votes), '{}') FROM tallies t
        WHERE t.poll = polls.poll)
FROM (SELECT DISTINCT g.poll FROM given g) AS polls
"""


@dataclass(frozen=True)
class Cast:
    """One vote for the batch statement: the ballot and the cap of ballots per address."""

    ballot: Ballot
    address_cap: int = 0


def ballot_job(ballot: Ballot, address_cap: int = 0) -> Together[Cast, WriteOutcome]:
    """Return the writer job of one vote; the writer casts a batch's votes together."""
    return Together(cast_ballots_postgres, Cast(ballot, address_cap))


def cast_ballot_postgres(
    conn: Connection, ballot: Ballot, address_cap: int = 0
) -> Later[WriteOutcome]:
    """Store a ballot unless it is a retry, the voter already voted or the address is full."""
    return cast_ballots_postgres(conn, [Cast(ballot, address_cap)])[0]


def cast_ballots_postgres(conn: Connection, casts: list[Cast]) -> list[Later[WriteOutcome]]:
    """Cast votes in order, with the outcomes of `ballots.cast_ballot` one after the other.

    A writer job for PostgreSQL: one statement per run of votes that do not collide, sent with
    the rest of the batch; the outcomes are read once the batch has committed.
    """
    results: list[Later[WriteOutcome]] = []
    for group in _without_collisions(casts):
        sent = _Sent(send(conn, CAST_BALLOTS, _values(group)), group)
        results += [Later(functools.partial(_nth, sent, n)) for n in range(len(group))]
    return results


class _Sent:
    """One statement's votes, whose outcomes are read once (after the batch's COMMIT)."""

    def __init__(self, read: Callable[[], Cursor], group: list[Cast]) -> None:
        self._read = read
        self._group = group

    @functools.cached_property
    def outcomes(self) -> list[WriteOutcome]:
        """Return the outcome of each vote, in order."""
        return _outcomes(self._read().fetchall(), self._group)


def _nth(sent: _Sent, n: int) -> WriteOutcome:
    return sent.outcomes[n]


def _without_collisions(casts: list[Cast]) -> list[list[Cast]]:
    """Split the votes, in order, so no statement holds two with one voter or `_sid` in a poll."""
    groups: list[list[Cast]] = []
    seen: set[tuple[str, str, str]] = set()
    for cast in casts:
        ballot = cast.ballot
        keys = {("voter", ballot.poll, ballot.voter_hash)}
        if ballot.sid is not None:
            keys.add(("sid", ballot.poll, ballot.sid))
        if not groups or keys & seen or cast.address_cap != groups[-1][0].address_cap:
            groups.append([])
            seen = set()
        groups[-1].append(cast)
        seen |= keys
    return groups


def _values(group: list[Cast]) -> tuple[Any, ...]:
    ballots = [cast.ballot for cast in group]
    positions = [n for n, ballot in enumerate(ballots, start=1) for _ in ballot.options]
    options = [option for ballot in ballots for option in ballot.options]
    cap = group[0].address_cap
    return (
        [ballot.poll for ballot in ballots],
        [ballot.voter_hash for ballot in ballots],
        [ballot.ip_hash for ballot in ballots],
        [ballot.sid for ballot in ballots],
        [ballot.day for ballot in ballots],
        [ballot.suggestion for ballot in ballots],
        positions,
        options,
        cap,
        cap,
    )


def _outcomes(rows: list[tuple[Any, ...]], group: list[Cast]) -> list[WriteOutcome]:
    counts: dict[str, tuple[int, dict[str, int]]] = {}
    decided: dict[int, tuple[str, bool, bool]] = {}
    for position, word, queued, found, total, votes in rows:
        if position is None:
            counts[word] = (int(total), {option: int(n) for option, n in votes.items()})
        else:
            decided[int(position)] = (word, bool(queued), bool(found))
    outcomes = []
    for position, cast in enumerate(group, start=1):
        status, queued, found = decided[position]
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
