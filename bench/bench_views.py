"""Benchmark of the view counter: counted page views per second alongside a vote load.

Starts `python -m faces_backend serve` (uvicorn, one worker, h11) on 127.0.0.1 with a fresh
database, a poll manifest and a reach manifest of 200 pages. Then, at the same time for
`--seconds`:

- a vote load: one client process sending votes at a steady `--vote-rate` (distinct voters);
- a view load: `--view-clients` processes, each with `--concurrency` keep-alive connections,
  sending `POST /views?p=…` as fast as the server answers, every view from a new reader
  (own `X-Forwarded-For`, trusted proxy), so that every view counts.

The clients are small raw-socket HTTP/1.1 clients on asyncio (an HTTP library in Python would
be the bottleneck). The script prints counted views/s with p50/p99 latency, the votes, and how
much of one core the server used, then checks that the database holds exactly the views that
were answered `Reach-Status: counted` (after a SIGTERM, whose shutdown flushes the last second).

    uv run python bench/bench_views.py [--seconds 10] [--vote-rate 100] [--runs 3]

Each run is made twice, interleaved: views alone (the baseline) and views alongside votes.
    uv run python bench/bench_views.py --kill   # SIGKILL mid-load: views lost, integrity_check

Traffic goes to 127.0.0.1 only; the forwarded addresses are documentation-range strings.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import signal
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from backend_process import free_port, process_cpu, start_server
from views_load import PAGES, POLL, client_process


def write_manifests(workdir: Path) -> None:
    """Write the poll manifest (one live poll) and the reach manifest (PAGES)."""
    poll = {
        "id": POLL,
        "question": "Benchmark?",
        "url": "/bench/#poll-bench-poll",
        "options": [{"id": o, "label": o.upper()} for o in ("a", "b", "c")],
        "multiple": False,
        "max": 1,
        "closes": None,
        "results": "live",
        "suggestions": False,
    }
    (workdir / "polls.json").write_text(
        json.dumps({"version": 1, "generated": "2026-01-01T00:00:00+00:00", "polls": [poll]})
    )
    pages = [{"path": page, "kind": "post"} for page in PAGES]
    (workdir / "reach.json").write_text(
        json.dumps({"version": 1, "generated": "2026-01-01T00:00:00+00:00", "pages": pages})
    )


def _backend_files(workdir: Path) -> dict[str, str]:
    """The database and manifests of the view benchmark's backend."""
    return {
        "FACES_DB": str(workdir / "faces.sqlite3"),
        "FACES_MANIFEST": str(workdir / "polls.json"),
        "FACES_VIEWS_MANIFEST": str(workdir / "reach.json"),
    }


def stored(db_path: Path) -> tuple[int, int, str]:
    """Return the stored views, the stored ballots and the integrity check's verdict."""
    with sqlite3.connect(db_path) as conn:
        views = conn.execute("SELECT COALESCE(SUM(views), 0) FROM page_views").fetchone()[0]
        ballots = conn.execute("SELECT COUNT(*) FROM ballots").fetchone()[0]
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    return int(views), int(ballots), integrity_verdict(problems)


def integrity_verdict(problems: list[str]) -> str:
    """Return 'ok', or the problems PRAGMA integrity_check found, known false reports named."""
    # SQLite 3.40.0 to 3.41.0 wrongly report NULLs in a WITHOUT ROWID table whose primary key
    # is not in column order (the poll table `choices`); a fresh database shows it too.
    buggy = (3, 40, 0) <= sqlite3.sqlite_version_info < (3, 41, 1)
    false = [p for p in problems if buggy and p.startswith("NULL value in choices.")]
    real = [p for p in problems if p != "ok" and p not in false]
    if real:
        return "; ".join(real)
    if false:
        return f"ok (apart from SQLite {sqlite3.sqlite_version}'s false report: {false[0]})"
    return "ok"


def percentile(values: list[float], fraction: float) -> float:
    """Return a latency percentile in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def one_run(args: argparse.Namespace, vote_rate: float) -> dict[str, float]:
    """Start a fresh server, run both loads, stop (or kill) it, check the database."""
    with tempfile.TemporaryDirectory(prefix="faces-views-") as tmp:
        workdir = Path(tmp)
        write_manifests(workdir)
        port = free_port()
        server = start_server(workdir, port, _backend_files(workdir))
        context = multiprocessing.get_context("spawn")
        out = context.Queue()
        start = time.time() + 1.0  # all clients begin together, after they have started
        until = start + args.seconds
        processes = [
            context.Process(
                target=client_process, args=("views", port, n, args.concurrency, until, out)
            )
            for n in range(args.view_clients)
        ]
        if vote_rate > 0:
            processes.append(
                context.Process(
                    target=client_process, args=("votes", port, 0, vote_rate, until, out)
                )
            )
        for process in processes:
            process.start()
        time.sleep(max(0.0, start - time.time()))
        cpu_before = process_cpu(server.pid)
        killed_at = None
        if args.kill:
            time.sleep(args.seconds / 2)
            server.send_signal(signal.SIGKILL)
            killed_at = time.time()
        loads = [out.get() for _ in processes]
        for process in processes:
            process.join()
        cpu_after = process_cpu(server.pid) if not args.kill else None
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        views = [load for kind, load in loads if kind == "views"]
        votes = [load for kind, load in loads if kind == "votes"]
        counted = sorted(t for load in views for t in load.counted_at)
        latencies = [x for load in views for x in load.latencies]
        statuses: dict[str, int] = {}
        for load in views:
            for status, number in load.statuses.items():
                statuses[status] = statuses.get(status, 0) + number
        vote_statuses: dict[str, int] = {}
        for load in votes:
            for status, number in load.statuses.items():
                vote_statuses[status] = vote_statuses.get(status, 0) + number
        stored_views, stored_ballots, integrity = stored(workdir / "faces.sqlite3")
        elapsed = (min(killed_at, until) if killed_at else until) - start
        result = {
            "views_per_s": len(counted) / elapsed,
            "p50": percentile(latencies, 0.5),
            "p99": percentile(latencies, 0.99),
            "votes_per_s": vote_statuses.get("201", 0) / elapsed,
            "vote_p99": percentile([x for load in votes for x in load.latencies], 0.99),
        }
        server_share = (
            f"{100 * (cpu_after - cpu_before) / elapsed:.0f}%"
            if cpu_after is not None and cpu_before is not None
            else "n/a"
        )
        client_cpu = sum(load.cpu for _, load in loads) / elapsed
        print(
            f"  {len(counted)} views counted in {elapsed:.1f} s = {result['views_per_s']:,.0f} "
            f"views/s, p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, {statuses}; "
            f"alongside {result['votes_per_s']:,.0f} votes/s (p99 {result['vote_p99']:.1f} ms, "
            f"{vote_statuses}); CPU of one core: server {server_share}, clients "
            f"{100 * client_cpu:.0f}%; connection errors: views "
            f"{sum(load.errors for load in views)}, votes {sum(load.errors for load in votes)}"
        )
        if killed_at is None:
            if stored_views != len(counted) or stored_ballots != vote_statuses.get("201", 0):
                raise SystemExit(
                    f"database holds {stored_views} views and {stored_ballots} ballots; "
                    f"answered: {len(counted)} counted views, {vote_statuses.get('201', 0)} votes"
                )
            print(f"  database: {stored_views} views, {stored_ballots} ballots, {integrity}")
        else:
            before_kill = [t for t in counted if t <= killed_at]
            last_second = [t for t in before_kill if t > killed_at - 1.0]
            lost = len(before_kill) - stored_views
            print(
                f"kill: SIGKILL {args.seconds / 2:.1f} s into the load; {len(before_kill)} views "
                f"answered as counted before it, {len(last_second)} of them in its last second; "
                f"stored {stored_views}, lost {lost}; votes answered 201: "
                f"{vote_statuses.get('201', 0)}, stored {stored_ballots}; "
                f"integrity_check: {integrity}"
            )
        return result


def main() -> None:
    """Parse arguments, run the benchmark, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--vote-rate", type=float, default=100.0, help="votes per second")
    parser.add_argument("--view-clients", type=int, default=2, help="client processes")
    parser.add_argument("--concurrency", type=int, default=16, help="connections per client")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kill", action="store_true", help="SIGKILL mid-load, count lost views")
    args = parser.parse_args()
    if args.kill:
        print("run 1 (views alongside votes, SIGKILL midway):")
        one_run(args, args.vote_rate)
        return
    alone, alongside = [], []
    for run in range(args.runs):
        # Interleaved, so that both see the same neighbours on a shared machine.
        print(f"run {run + 1}, views alone (the baseline):")
        alone.append(one_run(args, 0.0))
        print(f"run {run + 1}, views alongside {args.vote_rate:.0f} votes/s:")
        alongside.append(one_run(args, args.vote_rate))
    base = statistics.median(r["views_per_s"] for r in alone)
    both = statistics.median(r["views_per_s"] for r in alongside)
    print(
        f"median of {args.runs} runs ({args.seconds:.0f} s each, {args.view_clients} view clients "
        f"x {args.concurrency} connections):\n"
        f"  views alone:     {base:,.0f} views/s, "
        f"p50 {statistics.median(r['p50'] for r in alone):.1f} ms, "
        f"p99 {statistics.median(r['p99'] for r in alone):.1f} ms\n"
        f"  alongside votes: {both:,.0f} views/s, "
        f"p50 {statistics.median(r['p50'] for r in alongside):.1f} ms, "
        f"p99 {statistics.median(r['p99'] for r in alongside):.1f} ms; "
        f"{statistics.median(r['votes_per_s'] for r in alongside):,.0f} votes/s, "
        f"vote p99 {statistics.median(r['vote_p99'] for r in alongside):.1f} ms\n"
        f"  views alongside votes / views alone: {both / base:.2f}"
    )


if __name__ == "__main__":
    main()
