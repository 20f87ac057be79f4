"""The preview or `pelican -r` as a subprocess, its log and /__reload, for the loop benchmark."""

from __future__ import annotations

import http.client
import json
import os
import queue
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# free_port and stop are the backend benchmarks' own, used by build_loop from here too.
from backend_process import free_port, stop  # noqa: F401
from build_records import Layout, exit_on_failure

POLL_INTERVAL = 0.02
EDIT_TIMEOUT = 180.0


@dataclass(frozen=True)
class Server:
    """A server subprocess whose output is copied to a log, with lines of interest timed."""

    process: subprocess.Popen[bytes]
    log: Path
    finished: queue.Queue[float]  # arrival of each line that ends a whole build


def start(command: Sequence[str], layout: Layout, log: str, ends: Sequence[bytes]) -> Server:
    """Start a server; a thread copies its output to the log and times build-end lines."""
    process = subprocess.Popen(
        command,
        cwd=layout.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "250"},  # Pelican's console would wrap the Done: line
    )
    server = Server(process, layout.path(log), queue.Queue())
    threading.Thread(target=follow, args=(server, ends), daemon=True).start()
    return server


def follow(server: Server, ends: Sequence[bytes]) -> None:
    stream = server.process.stdout
    if stream is None:
        return
    with server.log.open("wb") as out:
        for line in stream:
            out.write(line)
            out.flush()
            if any(end in line for end in ends):
                server.finished.put(time.perf_counter())


def finished(server: Server, since: float, timeout: float = EDIT_TIMEOUT) -> float | None:
    """Seconds from since until the server's next whole build ended; None on timeout."""
    try:
        return server.finished.get(timeout=timeout) - since
    except queue.Empty:
        return None


def reload_signal(
    events: queue.Queue[tuple[float, list[str]]], path: str, saved: float
) -> float | None:
    """Seconds from saving until /__reload names the page (what makes the browser reload)."""
    deadline = saved + EDIT_TIMEOUT
    while (left := deadline - time.perf_counter()) > 0:
        try:
            moment, paths = events.get(timeout=left)
        except queue.Empty:
            return None
        if path in paths or f"{path}index.html" in paths:
            return moment - saved
    return None


def listen_reload(
    port: int, events: queue.Queue[tuple[float, list[str]]], viewed: str = "/"
) -> None:
    """Read /__reload as a browser showing `viewed` does; queue each message's paths."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=EDIT_TIMEOUT)
    connection.request("GET", f"/__reload?page={urllib.parse.quote(viewed)}")
    response = connection.getresponse()
    events.put((time.perf_counter(), []))  # connected: the main thread may start editing
    while line := response.readline():
        if line.startswith(b"data:"):
            arrived = time.perf_counter()
            message = json.loads(line[5:])
            events.put((arrived, list(message.get("paths", []))))


def poll(seen: Callable[[], bool], saved: float, server: Server) -> float | None:
    """Seconds after saved until seen() holds; None after EDIT_TIMEOUT."""
    while time.perf_counter() - saved < EDIT_TIMEOUT:
        if seen():
            return time.perf_counter() - saved
        alive(server)
        time.sleep(POLL_INTERVAL)
    return None


def wait_until(ready: Callable[[], bool], server: Server, timeout: float = 3600) -> None:
    deadline = time.perf_counter() + timeout
    while not ready():
        alive(server)
        if time.perf_counter() > deadline:
            raise SystemExit(f"the server did not come up within {timeout:.0f} s; {server.log}")
        time.sleep(0.2)


def alive(server: Server) -> None:
    if server.process.poll() is not None:
        time.sleep(0.5)  # let the log thread copy the last lines
        exit_on_failure(server.process.returncode or 1, "the server", server.log)


def drain(*queues: queue.Queue[Any]) -> None:
    for waiting in queues:
        while not waiting.empty():
            waiting.get_nowait()


def served_with(url: str, marker: str) -> bool:
    """Whether the page served at url holds the marker."""
    return marker in (get(url) or "")


def written_with(path: Path, marker: str) -> bool:
    """Whether the written page file holds the marker."""
    return marker in read(path)


def get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""
