"""Benchmark of the poll backend: votes per second and latency over real HTTP on loopback.

Starts `python -m faces_backend serve` (uvicorn, one worker) on 127.0.0.1 with a fresh
database and a generated manifest, drives N votes from distinct voters (distinct cookies
and X-Forwarded-For values, FACES_TRUST_PROXY=1) at a bounded concurrency with a small
raw-socket HTTP/1.1 keep-alive client (asyncio; much lighter than an HTTP library, so the
client does not hide the server's speed), and prints votes/s, p50 and p99 per run and the
medians over all runs. Every run checks that the database holds exactly the answered votes.

    uv run python bench/bench_votes.py [--votes 5000] [--concurrency 32] [--runs 3]
    uv run python bench/bench_votes.py --kill     # SIGKILL mid-run, restart, count lost votes

Traffic goes to 127.0.0.1 only; the forwarded addresses are documentation-range strings.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import signal
import sqlite3
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from backend_process import ORIGIN, free_port, load_options, process_cpu, start_server, stop

POLLS = [
    ("bench-live", False, 1, "live"),
    ("bench-after-vote", False, 1, "after_vote"),
    ("bench-multi", True, 2, "live"),
    ("bench-after-close", False, 1, "after_close"),
]
OPTIONS = ["a", "b", "c", "d"]


@dataclass
class RunResult:
    """What one run measured."""

    seconds: float
    latencies: list[float]
    statuses: dict[int, int] = field(default_factory=dict)
    counted_sids: list[str] = field(default_factory=list)
    errors: int = 0
    server_cpu: float | None = None  # CPU seconds the server process used during the run
    client_cpu: float = 0.0  # CPU seconds this (client) process used during the run

    @property
    def rate(self) -> float:
        """Return answered votes per second."""
        return len(self.latencies) / self.seconds

    def percentile(self, fraction: float) -> float:
        """Return a latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def write_manifest(path: Path) -> None:
    """Write a manifest with the benchmark's polls."""
    polls = [
        {
            "id": poll_id,
            "question": f"Benchmark {poll_id}?",
            "url": f"/bench/#poll-{poll_id}",
            "options": [{"id": option, "label": option.upper()} for option in OPTIONS],
            "multiple": multiple,
            "max": maximum,
            "closes": None,
            "results": mode,
            "suggestions": True,
        }
        for poll_id, multiple, maximum, mode in POLLS
    ]
    path.write_text(
        json.dumps({"version": 1, "generated": "2026-01-01T00:00:00+00:00", "polls": polls})
    )


def _backend_files(workdir: Path) -> dict[str, str]:
    """The database and poll manifest of the vote benchmark's backend."""
    return {
        "FACES_DB": str(workdir / "polls.sqlite3"),
        "FACES_MANIFEST": str(workdir / "manifest.json"),
    }


def vote_request(port: int, run: int, index: int) -> tuple[bytes, str]:
    """Return the raw HTTP request of vote `index` and its _sid."""
    poll_id, multiple, _, _ = POLLS[index % len(POLLS)]
    choices = [OPTIONS[index % 4], OPTIONS[(index + 1) % 4]] if multiple else [OPTIONS[index % 4]]
    sid = f"bench-{run}-{index}"
    body = f"poll={poll_id}&" + "".join(f"choice={c}&" for c in choices) + f"_sid={sid}"
    cookie = f"{run:04d}{index:08d}".ljust(43, "v")
    head = (
        f"POST /vote HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {ORIGIN}\r\n"
        "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Cookie: faces_voter={cookie}\r\nX-Forwarded-For: 2001:db8::{run:x}:{index:x}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return (head + body).encode("ascii"), sid


async def read_answer(reader: asyncio.StreamReader) -> int:
    """Read one HTTP response; return its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def drive(
    port: int,
    run: int,
    votes: int,
    concurrency: int,
    kill_after: int | None,
    server: subprocess.Popen[bytes] | None,
) -> RunResult:
    """Send `votes` votes over `concurrency` keep-alive connections; optionally SIGKILL midway."""
    result = RunResult(seconds=0.0, latencies=[])
    next_index = 0
    answered = 0

    async def worker() -> None:
        nonlocal next_index, answered
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while next_index < votes:
                index = next_index
                next_index += 1
                request, sid = vote_request(port, run, index)
                started = time.perf_counter()
                writer.write(request)
                status = await read_answer(reader)
                result.latencies.append(time.perf_counter() - started)
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status == 201:
                    result.counted_sids.append(sid)
                answered += 1
                if kill_after is not None and answered == kill_after and server is not None:
                    server.send_signal(signal.SIGKILL)
        except (OSError, asyncio.IncompleteReadError):
            result.errors += 1
        finally:
            writer.close()

    server_before = process_cpu(server.pid) if server is not None else None
    client_before = time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    result.client_cpu = time.process_time() - client_before
    server_after = process_cpu(server.pid) if server is not None else None
    if server_before is not None and server_after is not None:
        result.server_cpu = server_after - server_before
    return result


def stored_sids(db_path: Path) -> set[str]:
    """Return the _sid of every ballot in the database."""
    with sqlite3.connect(db_path) as conn:
        return {row[0] for row in conn.execute("SELECT sid FROM ballots")}


def one_run(run: int, args: argparse.Namespace) -> RunResult:
    """Start a fresh server and database, drive the votes, check the database, stop."""
    with tempfile.TemporaryDirectory(prefix="faces-bench-") as tmp:
        workdir = Path(tmp)
        write_manifest(workdir / "manifest.json")
        port = free_port()
        server = start_server(workdir, port, _backend_files(workdir))
        try:
            kill_after = args.votes // 2 if args.kill else None
            result = asyncio.run(drive(port, run, args.votes, args.concurrency, kill_after, server))
            if args.kill:
                server.wait()
                server = start_server(workdir, port, _backend_files(workdir))
                lost = set(result.counted_sids) - stored_sids(workdir / "polls.sqlite3")
                print(
                    f"kill: SIGKILL after {kill_after} answers; {len(result.counted_sids)} votes "
                    f"answered 201 before the kill; after restart lost: {len(lost)}"
                )
            else:
                stored = stored_sids(workdir / "polls.sqlite3")
                if stored != set(result.counted_sids):
                    raise SystemExit(
                        f"database holds {len(stored)} ballots, 201s: {len(result.counted_sids)}"
                    )
        finally:
            stop(server)
    return result


def main() -> None:
    """Parse arguments, run the benchmark, print the figures."""
    parser = load_options(__doc__.splitlines()[0], "votes", 5000)
    parser.add_argument("--kill", action="store_true", help="SIGKILL mid-run and count lost votes")
    args = parser.parse_args()
    runs = 1 if args.kill else args.runs
    results = []
    for run in range(runs):
        result = one_run(run + 1 + secrets.randbelow(1000) * 10, args)
        results.append(result)
        server_share = (
            f"{100 * result.server_cpu / result.seconds:.0f}%"
            if result.server_cpu is not None
            else "n/a"
        )
        print(
            f"run {run + 1}: {len(result.latencies)} votes in {result.seconds:.2f} s = "
            f"{result.rate:,.0f} votes/s, p50 {result.percentile(0.5):.1f} ms, "
            f"p99 {result.percentile(0.99):.1f} ms, statuses {result.statuses}; CPU of one "
            f"core: server {server_share}, client {100 * result.client_cpu / result.seconds:.0f}%"
        )
    if not args.kill:
        print(
            f"median of {runs} runs ({args.votes} votes, concurrency {args.concurrency}): "
            f"{statistics.median(r.rate for r in results):,.0f} votes/s, "
            f"p50 {statistics.median(r.percentile(0.5) for r in results):.1f} ms, "
            f"p99 {statistics.median(r.percentile(0.99) for r in results):.1f} ms"
        )


if __name__ == "__main__":
    main()
