"""Serve a built site over real HTTP on the loopback interface, optionally under a sub-path."""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _SubPathHandler(SimpleHTTPRequestHandler):
    prefix = ""

    def translate_path(self, path: str) -> str:
        if self.prefix and path.startswith(self.prefix):
            path = path[len(self.prefix) :] or "/"
        elif self.prefix:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Like a static host: unknown addresses get the site's own 404 page.
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.exists():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_static(directory: Path, port: int, prefix: str = "") -> Iterator[str]:
    """Serve the folder at http://127.0.0.1:port{prefix}/ until the block ends."""
    handler = functools.partial(
        type("Handler", (_SubPathHandler,), {"prefix": prefix.rstrip("/")}),
        directory=str(directory),
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{prefix.rstrip('/')}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class ThreadedServer:
    """An ASGI app running under uvicorn in a thread of the test process."""

    server: Any
    thread: threading.Thread
    what: str

    def stop(self) -> None:
        """Shut down; the app's lifespan writes what it still holds in memory."""
        self.server.should_exit = True
        self.thread.join(timeout=15)
        assert not self.thread.is_alive(), f"{self.what} did not stop"


# The preview (site plus backend under /api) is one such server.
PreviewServer = ThreadedServer


def serve_in_thread(app: Any, port: int, what: str) -> ThreadedServer:
    """Run an ASGI app under uvicorn on 127.0.0.1:port; return once it accepts connections."""
    import uvicorn

    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, f"{what} did not start"
        time.sleep(0.05)
    return ThreadedServer(server, thread, what)


def preview_env(output: Path, origin: str, db: Path, **more: str) -> dict[str, str]:
    """FACES_* variables of the backend behind a preview of `output` at `origin`, storing in db."""
    return {
        "FACES_DB": str(db),
        "FACES_MANIFEST": str(output / "polls" / "manifest.json"),
        "FACES_ALLOWED_ORIGINS": origin,
        "FACES_SECRET": "test-secret-" + "x" * 32,
        **more,
    }


def start_preview(output: Path, backend_env: dict[str, str], port: int) -> PreviewServer:
    """Serve a built site and a backend configured from FACES_* variables, as livereload does."""
    from starlette.applications import Starlette

    from devserver.server import ReloadHub, create_preview_app
    from faces_backend import Settings, create_app
    from faces_backend.stories.config import StorySettings

    stories = StorySettings.from_env(backend_env)
    backend = create_app(Settings.from_env(backend_env), stories=stories)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with backend.router.lifespan_context(backend):
            yield

    app = create_preview_app(str(output), backend, ReloadHub(), lifespan)
    return serve_in_thread(app, port, "the preview")


def start_backend_process(workdir: Path, port: int, env: dict[str, str], *args: str) -> Any:
    """`python -m faces_backend serve` on 127.0.0.1:port, once /health answers; log in workdir."""
    import os
    import subprocess
    import sys

    import httpx

    clean = {k: v for k, v in os.environ.items() if not k.startswith("FACES_")}
    log_path = workdir / "server.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "faces_backend", "serve", "--port", str(port), *args],
            cwd=Path(__file__).resolve().parent.parent,
            env={**clean, **env},
            stdout=log,
            stderr=log,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, log_path.read_text()
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.05)
    raise AssertionError("the server did not answer /health within 30 s")


class BackendProcess:
    """`python -m faces_backend serve` with the given FACES_* variables, on a free loopback port."""

    def __init__(self, workdir: Path, env: dict[str, str], *args: str) -> None:
        self.workdir = workdir
        self.env = env
        self.args = args
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: Any = None

    @property
    def db_path(self) -> Path:
        return Path(self.env["FACES_DB"])

    def start(self) -> None:
        """Start (or start again) and return once /health answers."""
        self.process = start_backend_process(self.workdir, self.port, self.env, *self.args)

    def signal(self, number: int) -> None:
        """Send a signal (SIGTERM, SIGKILL) and wait until the process has ended."""
        assert self.process is not None, "the backend was never started"
        self.process.send_signal(number)
        self.process.wait(timeout=30)

    def __enter__(self) -> BackendProcess:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """End the process if it still runs: politely, then by force."""
        from devserver.processes import stop_process

        if self.process is not None:
            stop_process(self.process, grace_seconds=10)


@contextlib.contextmanager
def serve_published(folder: Path) -> Iterator[tuple[str, Any]]:
    """The sample site published for, and served at, http://127.0.0.1:PORT/blog/."""
    from tests.sites import run_build

    port = free_port()
    run = run_build(
        folder / "output", task="publish", env={"SITEURL": f"http://127.0.0.1:{port}/blog"}
    )
    assert run.returncode == 0, run.log
    with serve_static(run.output, port, prefix="/blog") as url:
        yield url, run
