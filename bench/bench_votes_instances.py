"""Vote benchmark across stores and instances: SQLite x1, PostgreSQL x1, PostgreSQL x2, one run.

The same harness as bench_votes.py (raw keep-alive HTTP/1.1 client, distinct voters, every
answered vote checked against the database) drives (a) one instance on SQLite, (b) one
instance on PostgreSQL, (c) two instances on one PostgreSQL database sharing the load (half
the connections each). PostgreSQL is a private cluster started for the run with fsync on, as
in production. `--kill` adds (c) once more with one instance SIGKILLed halfway: votes answered
201 against votes stored. Everything runs on 127.0.0.1.

    uv run python bench/bench_votes_instances.py [--votes 4000] [--concurrency 32] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from backend_process import REPO, free_port, load_options, start_server, stop
from bench_votes import RunResult, drive, write_manifest

sys.path.insert(0, str(REPO))

from pg_costs import Costs, backend_cpu, cluster_cpu, describe, reset_statements, statements_of

from faces_backend.store.postgres import connect_postgres
from tests.postgres_server import PostgresServer, running_postgres

SETUPS = ("sqlite x1", "postgres x1", "postgres x2")


def stored_sids(database: str) -> set[str]:
    """Return the _sid of every ballot in a SQLite file or a PostgreSQL database."""
    if database.startswith("postgresql://"):
        with contextlib.closing(connect_postgres(database)) as conn:
            return {row[0] for row in conn.execute("SELECT sid FROM ballots").fetchall()}
    with sqlite3.connect(database) as conn:
        return {row[0] for row in conn.execute("SELECT sid FROM ballots")}


@contextlib.contextmanager
def instances(
    workdir: Path, database: str, count: int
) -> Iterator[list[tuple[int, subprocess.Popen[bytes]]]]:
    """Start `count` backends on one database; their ports and processes."""
    files = {"FACES_MANIFEST": str(workdir / "manifest.json")}
    files |= (
        {"FACES_DATABASE_URL": database}
        if database.startswith("postgresql://")
        else {"FACES_DB": database}
    )
    running: list[tuple[int, subprocess.Popen[bytes]]] = []
    try:
        for _ in range(count):
            port = free_port()
            running.append((port, start_server(workdir, port, files)))
        yield running
    finally:
        for _, server in running:
            stop(server)


async def drive_all(
    running: list[tuple[int, subprocess.Popen[bytes]]], run: int, args: argparse.Namespace
) -> RunResult:
    """Drive the votes over all instances at once (each its share); merge what they measured."""
    share = args.votes // len(running)
    kill_after = share // 2 if args.kill_now else None
    parts = await asyncio.gather(
        *(
            drive(
                port,
                run * 10 + number,
                share,
                args.concurrency // len(running),
                kill_after if number == 0 else None,
                server if number == 0 else None,
            )
            for number, (port, server) in enumerate(running)
        )
    )
    merged = RunResult(seconds=max(part.seconds for part in parts), latencies=[])
    for part in parts:
        merged.latencies += part.latencies
        merged.counted_sids += part.counted_sids
        merged.errors += part.errors
        for status, count in part.statuses.items():
            merged.statuses[status] = merged.statuses.get(status, 0) + count
    return merged


def one_run(
    setup: str, run: int, args: argparse.Namespace, server: PostgresServer
) -> tuple[RunResult, Costs]:
    """Run one setup on a fresh database; check that every 201 is stored; what it cost."""
    with tempfile.TemporaryDirectory(prefix="faces-bench-") as tmp:
        workdir = Path(tmp)
        write_manifest(workdir / "manifest.json")
        database = (
            str(workdir / "polls.sqlite3")
            if setup.startswith("sqlite")
            else server.new_database(migrated=False)
        )
        costs = Costs()
        with instances(workdir, database, int(setup[-1])) as running:
            pids = [process.pid for _, process in running]
            on_postgres = not setup.startswith("sqlite")
            if on_postgres:
                reset_statements(server)
            before = (backend_cpu(pids), cluster_cpu(server))
            result = asyncio.run(drive_all(running, run, args))
            costs.backend_cpu = backend_cpu(pids) - before[0]
            costs.database_cpu = cluster_cpu(server) - before[1] if on_postgres else 0.0
            if on_postgres:
                costs.statements = statements_of(server, database)
        if set(result.statuses) != {201}:
            log = (workdir / "server.log").read_text().splitlines()
            print("\n".join(line for line in log if "ERROR" in line or "Error" in line)[-3000:])
        stored = stored_sids(database)
        lost = set(result.counted_sids) - stored
        if lost or (not args.kill_now and stored != set(result.counted_sids)):
            raise SystemExit(f"{setup}: {len(lost)} answered votes missing from the database")
    return result, costs


def main() -> None:
    """Parse arguments, run every setup `--runs` times interleaved, print the figures."""
    parser = load_options(__doc__.splitlines()[0], "votes", 4000)
    parser.add_argument("--kill", action="store_true", help="also SIGKILL one of two instances")
    parser.add_argument("--profile", action="store_true", help="list the statements of each run")
    args = parser.parse_args()
    args.kill_now = False
    results: dict[str, list[RunResult]] = {setup: [] for setup in SETUPS}
    with running_postgres(durable=True, statement_stats=True) as server:
        for run in range(1, args.runs + 1):
            for setup in SETUPS:  # interleaved: a busy moment of the machine hits all three
                result, costs = one_run(setup, run * 100 + SETUPS.index(setup), args, server)
                results[setup].append(result)
                print(
                    f"run {run} {setup}: {result.rate:,.0f} votes/s, "
                    f"p99 {result.percentile(0.99):.1f} ms, statuses {result.statuses}; "
                    f"{costs.per_vote(len(result.latencies))}",
                    flush=True,
                )
                if args.profile and costs.statements:
                    print(describe(costs, len(result.latencies)), flush=True)
        print(f"\nmedian of {args.runs} runs ({args.votes} votes, concurrency {args.concurrency}):")
        for setup, measured in results.items():
            print(
                f"  {setup}: {statistics.median(r.rate for r in measured):,.0f} durable votes/s, "
                f"p99 {statistics.median(r.percentile(0.99) for r in measured):.1f} ms"
            )
        if args.kill:
            args.kill_now = True
            started = time.perf_counter()
            killed, _ = one_run("postgres x2", 999, args, server)
            print(
                f"\nSIGKILL of one of two instances halfway through its share: "
                f"{len(killed.counted_sids)} votes answered 201, all stored (0 lost), "
                f"statuses {killed.statuses}, {time.perf_counter() - started:.1f} s"
            )


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    main()
