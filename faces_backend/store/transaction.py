"""One job in one transaction on a connection of its own: for commands, outside the writer.

A command-line process (moderation, pulls) has no writer thread; it runs each job inside
`BEGIN IMMEDIATE` ... `COMMIT`, rolled back whole when the job raises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from faces_backend.store.connection import Connection

T = TypeVar("T")


def run_in_transaction(conn: Connection, job: Callable[[Connection], T]) -> T:
    """Run `job` on `conn` in one immediate transaction; roll it back if the job raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = job(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result
