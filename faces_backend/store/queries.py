"""Statement pieces more than one feature runs: optional filters, a form stamp used once, times.

Times are stored as text: ISO 8601 in UTC with milliseconds, fixed width, so text order is
time order.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime

from faces_backend.store.connection import Connection


def with_filters(query: str, filters: Sequence[tuple[str, str | None]]) -> tuple[str, list[str]]:
    """Add `AND <condition>` for each filter whose value is set; return the query and values."""
    chosen = [(condition, value) for condition, value in filters if value is not None]
    conditions = "".join(f" AND {condition}" for condition, _ in chosen)
    return query + conditions, [value for _, value in chosen]


def spend_nonce(conn: Connection, nonce: str, expires: int) -> bool:
    """Keep a form stamp's nonce as used until `expires`; False when it was used before."""
    # After `expires` the stamp itself is refused as old, so its nonce need not be kept.
    conn.execute("DELETE FROM used_stamps WHERE expires < ?", (int(time.time()),))
    used = conn.execute(
        "INSERT INTO used_stamps (nonce, expires) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING",
        (nonce, expires),
    )
    return used.rowcount != 0


def now_iso() -> str:
    """Return the current time as stored."""
    return stored_time(datetime.now(UTC))


def stored_time(moment: datetime) -> str:
    """Return a moment as stored (UTC, milliseconds, fixed width)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")
