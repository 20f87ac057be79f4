"""Benchmark of comment submissions: durable comments per second and latency over real HTTP.

The harness of bench_votes.py (its keep-alive raw-socket client, server start and stop):
`python -m faces_backend serve` (uvicorn, one worker) on 127.0.0.1 with a fresh database
and a generated comment manifest; N comments from distinct readers (own X-Forwarded-For,
FACES_TRUST_PROXY=1), each with its own signed stamp (made with the benchmark's secret, as
GET /comments/stamp would) and answered as JSON. A 201 means committed to disk (WAL,
synchronous=FULL, group commit). Every run checks that the database holds exactly the
comments answered 201.

    uv run python bench/bench_comments.py [--comments 5000] [--concurrency 32] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sqlite3
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from backend_process import ORIGIN, free_port, load_options, process_cpu, start_server, stop
from bench_votes import RunResult, read_answer

SECRET = "bench-secret-" + "x" * 32
THREADS = [f"posts/2026/beitrag-{number:02d}" for number in range(20)]


def write_threads(path: Path) -> None:
    """Write a comment manifest with the benchmark's threads."""
    threads = [
        {"id": t, "path": f"/{t}/", "title": t, "lang": "de", "authors": ["anna"], "open": True}
        for t in THREADS
    ]
    data = {"version": 1, "generated": "2026-01-01T00:00:00+00:00", "threads": threads}
    path.write_text(json.dumps(data))


def start_comment_server(workdir: Path, port: int) -> subprocess.Popen[bytes]:
    """Start the backend with comments on and wait until /health answers."""
    (workdir / "polls.json").write_text('{"version": 1, "generated": "x", "polls": []}')
    files = {
        "FACES_DB": str(workdir / "comments.sqlite3"),
        "FACES_MANIFEST": str(workdir / "polls.json"),
        "FACES_COMMENTS_MANIFEST": str(workdir / "threads.json"),
        "FACES_FORM_MIN_SECONDS": "0",
    }
    return start_server(workdir, port, files)


def fetch_stamp(port: int) -> str:
    """Return a fresh stamp from the server."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/comments/stamp", timeout=5) as answer:
        stamp: str = json.loads(answer.read())["stamp"]
    return stamp


def comment_request(port: int, run: int, index: int, stamp: str) -> bytes:
    """Return the raw HTTP request of comment `index`."""
    fields = {
        "thread": THREADS[index % len(THREADS)],
        "name": f"Leserin {index}",
        "text": f"Kommentar {index} aus Lauf {run}: Eine Salatbar wäre schön, und mehr Tische.",
        "stamp": stamp,
        "_next": f"{ORIGIN}/{THREADS[index % len(THREADS)]}/",
    }
    body = urllib.parse.urlencode(fields)
    head = (
        f"POST /comments HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {ORIGIN}\r\n"
        "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"X-Forwarded-For: 2001:db8::{run:x}:{index:x}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return (head + body).encode("ascii")


async def drive(port: int, run: int, requests: list[bytes], concurrency: int) -> RunResult:
    """Send the comments over `concurrency` keep-alive connections."""
    result = RunResult(seconds=0.0, latencies=[])
    next_index = 0

    async def worker() -> None:
        nonlocal next_index
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while next_index < len(requests):
                index = next_index
                next_index += 1
                started = time.perf_counter()
                writer.write(requests[index])
                status = await read_answer(reader)
                result.latencies.append(time.perf_counter() - started)
                result.statuses[status] = result.statuses.get(status, 0) + 1
        except (OSError, asyncio.IncompleteReadError):
            result.errors += 1
        finally:
            writer.close()

    client_before = time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    result.client_cpu = time.process_time() - client_before
    return result


def one_run(run: int, args: argparse.Namespace) -> RunResult:
    """Start a fresh server and database, send the comments, check the database, stop."""
    with tempfile.TemporaryDirectory(prefix="faces-bench-") as tmp:
        workdir = Path(tmp)
        write_threads(workdir / "threads.json")
        port = free_port()
        server = start_comment_server(workdir, port)
        try:
            requests = [
                comment_request(port, run, i, fetch_stamp(port)) for i in range(args.comments)
            ]
            before = process_cpu(server.pid)
            result = asyncio.run(drive(port, run, requests, args.concurrency))
            after = process_cpu(server.pid)
            if before is not None and after is not None:
                result.server_cpu = after - before
            with sqlite3.connect(workdir / "comments.sqlite3") as conn:
                stored = conn.execute("SELECT count(*) FROM comments").fetchone()[0]
            if stored != result.statuses.get(201, 0):
                raise SystemExit(f"database holds {stored} comments, 201s: {result.statuses}")
        finally:
            stop(server)
    return result


def main() -> None:
    """Parse arguments, run the benchmark, print the figures."""
    args = load_options(__doc__.splitlines()[0], "comments", 5000).parse_args()
    results = []
    for run in range(args.runs):
        result = one_run(run + 1 + secrets.randbelow(1000) * 10, args)
        results.append(result)
        server = f"{100 * result.server_cpu / result.seconds:.0f}%" if result.server_cpu else "n/a"
        print(
            f"run {run + 1}: {len(result.latencies)} comments in {result.seconds:.2f} s = "
            f"{result.rate:,.0f} comments/s, p50 {result.percentile(0.5):.1f} ms, "
            f"p99 {result.percentile(0.99):.1f} ms, statuses {result.statuses}; CPU of one "
            f"core: server {server}, client {100 * result.client_cpu / result.seconds:.0f}%"
        )
    print(
        f"median of {args.runs} runs ({args.comments} comments, concurrency {args.concurrency}): "
        f"{statistics.median(r.rate for r in results):,.0f} comments/s, "
        f"p50 {statistics.median(r.percentile(0.5) for r in results):.1f} ms, "
        f"p99 {statistics.median(r.percentile(0.99) for r in results):.1f} ms"
    )


if __name__ == "__main__":
    main()
