"""What a vote costs where it does not depend on the machine's load: statements and CPU seconds.

Statements come from `pg_stat_statements` (the benchmark's cluster preloads it); every
statement not sent in a pipeline is one round trip between an instance and the server. CPU
is read from /proc: the backend processes and every process of the PostgreSQL cluster.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from backend_process import process_cpu

from faces_backend.store.postgres import connect_postgres
from tests.postgres_server import PostgresServer


@dataclass
class Costs:
    """Statements and CPU seconds measured over one run."""

    statements: dict[str, int] = field(default_factory=dict)  # statement text -> calls
    backend_cpu: float = 0.0
    database_cpu: float = 0.0

    def per_vote(self, votes: int) -> str:
        """Return the costs per vote in one line."""
        calls = sum(self.statements.values())
        # The writer opens each batch with its lock: one call per batch of votes.
        batches = self.statements.get("SELECT pg_advisory_xact_lock($1)", 0)
        batch = f", {votes / batches:.1f} votes per writer batch" if batches else ""
        backend = 1e6 * self.backend_cpu / votes
        database = 1e6 * self.database_cpu / votes
        return (
            f"{calls / votes:.2f} statements/vote{batch}, CPU per vote: backend {backend:.0f} µs, "
            f"PostgreSQL {database:.0f} µs"
        )


def cluster_cpu(server: PostgresServer) -> float:
    """Return the CPU seconds used so far by the postmaster and its live children."""
    postmaster = int((server.data_dir / "postmaster.pid").read_text().split()[0])
    total = process_cpu(postmaster) or 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == postmaster:
            total += process_cpu(int(entry.name)) or 0.0
    return total


def reset_statements(server: PostgresServer) -> None:
    """Start counting statements afresh."""
    with contextlib.closing(connect_postgres(server.url())) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        conn.execute("SELECT pg_stat_statements_reset()")


def statements_of(server: PostgresServer, database_url: str) -> dict[str, int]:
    """Return the calls of each statement run in one database since the last reset."""
    name = database_url.rsplit("/", 1)[1]
    with contextlib.closing(connect_postgres(server.url())) as conn:
        rows = conn.execute(
            "SELECT query, sum(calls) FROM pg_stat_statements s JOIN pg_database d "
            "ON d.oid = s.dbid WHERE d.datname = ? GROUP BY query",
            (name,),
        ).fetchall()
    return {query: int(calls) for query, calls in rows}


def backend_cpu(pids: list[int]) -> float:
    """Return the CPU seconds the backend processes used so far."""
    return sum(process_cpu(pid) or 0.0 for pid in pids)


def describe(costs: Costs, votes: int, top: int = 12) -> str:
    """Return the statements of a run, most called first, with their calls per vote."""
    lines = []
    for query, calls in sorted(costs.statements.items(), key=lambda item: -item[1])[:top]:
        text = " ".join(query.split())
        lines.append(f"    {calls / votes:5.2f}/vote  {text[:150]}")
    return os.linesep.join(lines)
