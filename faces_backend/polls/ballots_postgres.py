"""Casting a ballot on PostgreSQL in one statement: one round trip instead of nine.

The same decisions as `ballots.cast_ballot` (retry by `_sid`, one ballot per voter, the cap per
address, then the ballot, its choices, the counters and a suggestion), written as one statement
whose data-modifying parts run only when the decision is "counted". Every part sees the same
snapshot, taken inside the writer's batch, which holds the write lock of all instances
(`store.postgres.WRITE_LOCK`): no other instance's ballot can slip in between the checks and
the insert, so the cap per address holds across instances.
"""

from __future__ import annotations

from typing import Any

from faces_backend.polls.ballots import Ballot, Tally, WriteOutcome
from faces_backend.store.connection import Connection
from faces_backend.store.postgres_connection import send
from faces_backend.store.writer import Later

# The counters are raised in sorted option order (`sorted_options`), as in `cast_ballot`, so
# two transactions never take the same counter rows in different orders.
CAST_BALLOT = """
WITH given AS (
    SELECT ?::text AS poll, ?::text AS voter_hash, ?::text AS ip_hash, ?::text AS sid,
        ?::text AS day, ?::text[] AS options, ?::text[] AS sorted_options,
        ?::text AS suggestion, ?::bigint AS address_cap
),
previous AS (
    SELECT
        EXISTS (SELECT 1 FROM ballots b WHERE b.poll = g.poll AND b.sid = g.sid) AS counted,
        EXISTS (SELECT 1 FROM suggestions s WHERE s.poll = g.poll AND s.sid = g.sid) AS queued,
        EXISTS (
            SELECT 1 FROM suggestions s
            WHERE s.poll = g.poll AND s.sid = g.sid AND s.text = g.suggestion
        ) AS kept
    FROM given g
),
decision AS (
    SELECT CASE
        WHEN p.counted THEN 'retry'
        WHEN EXISTS (
            SELECT 1 FROM ballots b WHERE b.poll = g.poll AND b.voter_hash = g.voter_hash
        ) THEN 'already_voted'
        WHEN g.address_cap > 0 AND g.ip_hash IS NOT NULL AND (
            SELECT count(*) FROM ballots b WHERE b.poll = g.poll AND b.ip_hash = g.ip_hash
        ) >= g.address_cap THEN 'address_limit'
        ELSE 'counted'
    END AS status
    FROM given g, previous p
),
ballot AS (
    INSERT INTO ballots (poll, voter_hash, ip_hash, sid, created_day)
    SELECT g.poll, g.voter_hash, g.ip_hash, g.sid, g.day
    FROM given g, decision d WHERE d.status = 'counted'
    RETURNING id, poll
),
chosen AS (
    INSERT INTO choices (ballot_id, poll, option)
    SELECT b.id, b.poll, o.option FROM ballot b, given g, unnest(g.options) AS o (option)
),
tallied AS (
    INSERT INTO tallies (poll, option, votes)
    SELECT b.poll, o.option, 1 FROM ballot b, given g,
        unnest(g.sorted_options) WITH ORDINALITY AS o (option, position)
    ORDER BY o.position
    ON CONFLICT (poll, option) DO UPDATE SET votes = tallies.votes + 1
),
totalled AS (
    INSERT INTO totals (poll, ballots) SELECT b.poll, 1 FROM ballot b
    ON CONFLICT (poll) DO UPDATE SET ballots = totals.ballots + 1
),
suggested AS (
    INSERT INTO suggestions (poll, text, sid, created_day)
    SELECT b.poll, g.suggestion, g.sid, g.day FROM ballot b, given g, previous p
    WHERE g.suggestion IS NOT NULL AND NOT p.queued
),
counts AS (
    SELECT t.option,
        t.votes + CASE WHEN d.status = 'counted' AND t.option = ANY (g.options) THEN 1 ELSE 0 END
        AS votes
    FROM tallies t, given g, decision d WHERE t.poll = g.poll
    UNION ALL
    SELECT o.option, 1 FROM given g, decision d, unnest(g.options) AS o (option)
    WHERE d.status = 'counted'
        AND NOT EXISTS (SELECT 1 FROM tallies t WHERE t.poll = g.poll AND t.option = o.option)
)
SELECT d.status, p.queued, p.kept,
    coalesce((SELECT t.ballots FROM totals t WHERE t.poll = g.poll), 0)
        + CASE WHEN d.status = 'counted' THEN 1 ELSE 0 END,
    (SELECT coalesce(json_object_agg(c.option, c.votes), '{}') FROM counts c)
FROM decision d, previous p, given g
"""


def cast_ballot_postgres(
    conn: Connection, ballot: Ballot, address_cap: int = 0
) -> Later[WriteOutcome]:
    """Store a ballot unless it is a retry, the voter already voted or the address is full.

    A writer job for PostgreSQL with the outcomes of `ballots.cast_ballot`; its statement goes
    out with the rest of the batch, and the outcome is read once the batch has committed.
    """
    read = send(
        conn,
        CAST_BALLOT,
        (
            ballot.poll,
            ballot.voter_hash,
            ballot.ip_hash,
            ballot.sid,
            ballot.day,
            list(ballot.options),
            sorted(ballot.options),
            ballot.suggestion,
            address_cap,
        ),
    )
    return Later(lambda: _outcome(read().fetchone(), ballot))


def _outcome(row: tuple[str, bool, bool, int, dict[str, Any]], ballot: Ballot) -> WriteOutcome:
    status, suggestion_queued, suggestion_found, total, votes = row
    kept = ballot.suggestion is None or bool(suggestion_found)
    # The counts right after this statement: the answer needs no read of its own.
    tally = Tally(total=int(total), votes={option: int(count) for option, count in votes.items()})
    if status == "retry":
        return WriteOutcome("counted", duplicate_retry=True, suggestion_kept=kept, tally=tally)
    if status == "already_voted":
        return WriteOutcome("already_voted", tally=tally)
    if status == "address_limit":
        return WriteOutcome("address_limit", tally=tally)
    # A suggestion sent before under this `_sid` (without choices) is not stored twice.
    return WriteOutcome("counted", suggestion_kept=kept if suggestion_queued else True, tally=tally)
