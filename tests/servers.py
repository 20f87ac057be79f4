"""Serve a built site over real HTTP on the loopback interface, optionally under a sub-path."""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


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
