"""The view benchmark's clients: raw-socket HTTP/1.1 on asyncio, sending views and votes."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from dataclasses import dataclass, field
from typing import Any

from backend_process import ORIGIN

PAGES = [f"/2026/beitrag-{number:03d}/" for number in range(200)]
POLL = "bench-poll"
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


@dataclass
class Load:
    """What one client process saw."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    counted_at: list[float] = field(default_factory=list)  # wall-clock times of counted answers
    errors: int = 0
    cpu: float = 0.0


def view_request(port: int, client: int, index: int) -> bytes:
    """Return the raw request of one view by a reader never seen before."""
    page = PAGES[index % len(PAGES)]
    return (
        f"POST /views?p={page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {ORIGIN}\r\n"
        f"User-Agent: {BROWSER}\r\nX-Forwarded-For: 2001:db8:{client:x}::{index:x}\r\n"
        "Content-Length: 0\r\n\r\n"
    ).encode("ascii")


def vote_request(port: int, index: int) -> bytes:
    """Return the raw request of one vote by a distinct voter."""
    body = f"poll={POLL}&choice={'abc'[index % 3]}&_sid=bench-vote-{index:08d}"
    cookie = f"{index:08d}".ljust(43, "v")
    return (
        f"POST /vote HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {ORIGIN}\r\n"
        "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Cookie: faces_voter={cookie}\r\nX-Forwarded-For: 2001:db8:ffff::{index:x}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}"
    ).encode("ascii")


async def read_answer(reader: asyncio.StreamReader) -> str:
    """Read one HTTP response; return its Reach-Status, else its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = lines[0].split()[1].decode()
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"reach-status":
            status = value.strip().decode()
    await reader.readexactly(length)
    return status


async def drive_views(port: int, client: int, concurrency: int, until: float) -> Load:
    """Send views over `concurrency` connections as fast as they are answered until `until`."""
    load = Load()
    next_index = 0

    async def connection() -> None:
        nonlocal next_index
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            load.errors += 1
            return
        try:
            while time.time() < until:
                index = next_index
                next_index += 1
                started = time.perf_counter()
                writer.write(view_request(port, client, index))
                status = await read_answer(reader)
                load.latencies.append(time.perf_counter() - started)
                load.statuses[status] = load.statuses.get(status, 0) + 1
                if status == "counted":
                    load.counted_at.append(time.time())
        except (OSError, asyncio.IncompleteReadError):
            load.errors += 1
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(concurrency)))
    return load


async def drive_votes(port: int, rate: float, until: float) -> Load:
    """Send votes at a steady rate (each on its own task, over a pool of connections)."""
    load = Load()
    pool: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for _ in range(8):
        pool.put_nowait(await asyncio.open_connection("127.0.0.1", port))

    async def one(index: int) -> None:
        try:
            # Bounded: after a SIGKILL the broken connections never come back to the pool.
            reader, writer = await asyncio.wait_for(pool.get(), timeout=5)
        except TimeoutError:
            load.errors += 1
            return
        try:
            started = time.perf_counter()
            writer.write(vote_request(port, index))
            status = await read_answer(reader)
            load.latencies.append(time.perf_counter() - started)
            load.statuses[status] = load.statuses.get(status, 0) + 1
            pool.put_nowait((reader, writer))
        except (OSError, asyncio.IncompleteReadError):
            load.errors += 1

    tasks = []
    start = time.time()
    index = 0
    while time.time() < until:
        tasks.append(asyncio.create_task(one(index)))
        index += 1
        await asyncio.sleep(max(0.0, start + index / rate - time.time()))
    await asyncio.gather(*tasks)
    return load


def client_process(
    kind: str, port: int, number: int, arg: float, until: float, out: multiprocessing.Queue[Any]
) -> None:
    """Run one client's load in this process and send its Load back through the queue."""
    before = time.process_time()
    if kind == "views":
        load = asyncio.run(drive_views(port, number, int(arg), until))
    else:
        load = asyncio.run(drive_votes(port, arg, until))
    load.cpu = time.process_time() - before
    out.put((kind, load))
