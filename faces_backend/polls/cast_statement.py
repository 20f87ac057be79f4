"""The statement that casts a writer batch's votes on PostgreSQL (`ballots_postgres`).

Its parameters, in order: the rule (cap per address, rate limit, the window's start, now, and
whether to sweep old rate-limit rows), then one array per ballot field and the rate-limit key
(one entry per vote), then the chosen options flattened with their vote's position. It returns
one row per vote (position, status, suggestion queued, suggestion kept, the oldest rate-limit
hit in the window) and one per poll (its counts before the statement).
"""

from __future__ import annotations

import re

# Counters are raised in one order (by poll and option, byte order as Python's `sorted`), so
# two transactions never take the same counter rows in different orders.
_READABLE = """
WITH rule AS (
    SELECT ?::bigint AS address_cap, ?::bigint AS rate_limit, ?::bigint AS since_ms,
        ?::bigint AS now_ms, ?::boolean AS sweep
),
given AS (
    SELECT * FROM unnest(
        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]
    ) WITH ORDINALITY AS g (poll, voter_hash, ip_hash, sid, day, suggestion, rate_key, position)
),
picked AS (
    SELECT * FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS p (position, option, place)
),
hit AS (
    SELECT g.position, g.rate_key,
        row_number() OVER (PARTITION BY g.rate_key ORDER BY g.position) AS place
    FROM given g WHERE g.rate_key IS NOT NULL
),
logged AS (
    SELECT k.key, count(r.at_ms) AS hits, min(r.at_ms) AS oldest
    FROM (SELECT DISTINCT h.rate_key AS key FROM hit h) AS k CROSS JOIN rule
        LEFT JOIN rate_hits r ON r.key = k.key AND r.at_ms > rule.since_ms
    GROUP BY k.key
),
limited AS (
    -- The rate limit's rule (`SharedRateLimiter`): a key's hits in order, while fewer than
    -- the limit lie in the window; refused hits are not logged.
    SELECT h.position, h.rate_key, l.hits + h.place > rule.rate_limit AS refused,
        coalesce(l.oldest, rule.now_ms) AS oldest
    FROM hit h JOIN logged l ON l.key = h.rate_key, rule
),
hits_logged AS (
    INSERT INTO rate_hits (key, at_ms)
    SELECT l.rate_key, rule.now_ms FROM limited l, rule WHERE NOT l.refused
),
swept AS (
    DELETE FROM rate_hits
    WHERE (SELECT rule.sweep FROM rule) AND at_ms <= (SELECT rule.since_ms FROM rule)
),
previous AS (
    -- Looked up vote by vote (LATERAL ... LIMIT 1: an index probe each), never by hashing
    -- a whole table, which the planner may prefer for a handful of rows and small tables.
    SELECT g.position, counted.found IS NOT NULL AS counted, voted.found IS NOT NULL AS voted,
        queued.text IS NOT NULL AS queued, coalesce(queued.text = g.suggestion, false) AS kept,
        coalesce(l.refused, false) AS limited, l.oldest
    FROM given g
        LEFT JOIN limited l ON l.position = g.position
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
    WHERE NOT p.limited AND NOT p.counted AND NOT p.voted
),
decision AS (
    SELECT p.position, CASE
        WHEN p.limited THEN 'rate_limited'
        WHEN p.counted THEN 'retry'
        WHEN p.voted THEN 'already_voted'
        WHEN rule.address_cap > 0 AND c.ip_hash IS NOT NULL AND c.place + (
            SELECT count(*) FROM ballots b WHERE b.poll = c.poll AND b.ip_hash = c.ip_hash
        ) > rule.address_cap THEN 'address_limit'
        ELSE 'counted'
    END AS status
    FROM previous p LEFT JOIN capped c ON c.position = p.position, rule
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
SELECT p.position, d.status, p.queued, p.kept, p.oldest, NULL::bigint, NULL::json
FROM previous p JOIN decision d ON d.position = p.position
UNION ALL
SELECT NULL, polls.poll, NULL, NULL, NULL,
    coalesce((SELECT t.ballots FROM totals t WHERE t.poll = polls.poll), 0),
    (SELECT coalesce(json_object_agg(t.option, t.votes), '{}') FROM tallies t
        WHERE t.poll = polls.poll)
FROM (SELECT DISTINCT g.poll FROM given g) AS polls
"""


def _compact(sql: str) -> str:
    """Return the statement without comments and repeated whitespace (no literal holds any)."""
    text = " ".join(re.sub(r"--[^\n]*", "", sql).split())
    return re.sub(r"\s*([(),=<>+])\s*", r"\1", text)


# Sent compacted: psycopg keeps its parsing of a statement only up to 4 KiB (it would split
# the readable text, 5 KiB, with regular expressions on every batch: ~0.1 ms each).
CAST_BALLOTS = _compact(_READABLE)
