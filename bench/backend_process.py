"""The backend as a subprocess for the backend benchmarks: start, watch its CPU, stop; options."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from devserver.processes import stop_process  # noqa: E402

ORIGIN = "https://blog.example.com"


def load_options(description: str, noun: str, default_count: int) -> argparse.ArgumentParser:
    """Return a load benchmark's options: how many `noun`s to send, how many at once, runs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(f"--{noun}", type=int, default=default_count)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    return parser


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_cpu(pid: int) -> float | None:
    """Return the CPU seconds (user + system) a process has used, where /proc tells."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(workdir: Path, port: int, files: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start the backend with its files (FACES_DB, manifests) and wait until /health answers."""
    env = {
        **os.environ,
        **files,
        "FACES_ALLOWED_ORIGINS": ORIGIN,
        "FACES_SECRET": "bench-secret-" + "x" * 32,
        "FACES_TRUST_PROXY": "1",
        "FACES_RATE_LIMIT": "1000000",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "faces_backend", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "server.log", "ab"),  # noqa: SIM115 - lives as long as the server
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited; see {workdir / 'server.log'}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("the server did not become healthy within 20 s")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server politely, then firmly."""
    stop_process(server, grace_seconds=10)
