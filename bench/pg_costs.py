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


@dataclass(frozen=True)
class Statement:
    """How often one statement ran, and the server time its runs took."""

    calls: int
    milliseconds: float


@dataclass
class Costs:
    """Statements and CPU seconds measured over one run."""

    statements: dict[str, Statement] = field(default_factory=dict)  # statement text -> runs
    backend_cpu: float = 0.0
    database_cpu: float = 0.0

    def per_vote(self, votes: int) -> str:
        """Return the costs per vote in one line."""
        calls = sum(statement.calls for statement in self.statements.values())
        executing = 1000 * sum(statement.milliseconds for statement in self.statements.values())
        # The writer opens each batch with its lock: one call per batch of votes.
        opening = self.statements.get("SELECT pg_advisory_xact_lock($1)")
        batches = opening.calls if opening is not None else 0
        batch = f", {votes / batches:.1f} votes per writer batch" if batches else ""
        backend = 1e6 * self.backend_cpu / votes
        database = 1e6 * self.database_cpu / votes
        return (
            f"{calls / votes:.2f} statements/vote{batch}, CPU per vote: backend {backend:.0f} µs, "
            f"PostgreSQL {database:.0f} µs (executing statements {executing / votes:.0f} µs)"
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


def statements_of(server: PostgresServer, database_url: str) -> dict[str, Statement]:
    """Return the runs of each statement in one database since the last reset."""
    name = database_url.rsplit("/", 1)[1]
    with contextlib.closing(connect_postgres(server.url())) as conn:
        rows = conn.execute(
            "SELECT query, sum(calls), sum(total_exec_time) FROM pg_stat_statements s"
            " JOIN pg_database d "
            "ON d.oid = s.dbid WHERE d.datname = ? GROUP BY query",
            (name,),
        ).fetchall()
    return {query: Statement(int(calls), float(ms)) for query, calls, ms in rows}


def backend_cpu(pids: list[int]) -> float:
    """Return the CPU seconds the backend processes used so far."""
    return sum(process_cpu(pid) or 0.0 for pid in pids)


def describe(costs: Costs, votes: int, top: int = 12) -> str:
    """Return the statements of a run, most called first: calls and server time per vote."""
    lines = []
    ranked = sorted(costs.statements.items(), key=lambda item: -item[1].calls)
    for query, statement in ranked[:top]:
        text = " ".join(query.split())
        per_vote = 1000 * statement.milliseconds / votes
        calls = statement.calls / votes
        lines.append(f"    {calls:5.2f}/vote {per_vote:6.1f} µs/vote  {text[:130]}")
    return os.linesep.join(lines)
