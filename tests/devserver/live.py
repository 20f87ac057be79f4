"""The real preview (`invoke livereload`'s serve_preview) in its own process, on a small site."""

from __future__ import annotations

import http.client
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.minisite import make_site
from tests.servers import free_port
from tests.sites import ROOT

SERVER = """
import sys
root, settings, output, content, port = sys.argv[1:6]
sys.path[:0] = [root, root + "/plugins"]
from devserver.server import serve_preview
serve_preview(settings, output, content.split("|"), "127.0.0.1", int(port), False)
"""
# Generous: a rebuild of the small site takes about a second, on a busy machine several.
BUILD_TIMEOUT = 120

POST = """\
Title: {title}
Date: 2026-03-10 08:00
Category: Technik
Author: miriam-keller
Lang: de
{extra}
{body}
"""


def post(title: str, body: str = "Ein Absatz.", extra: str = "") -> str:
    """A valid post in the small site's style (extra: more header lines)."""
    return POST.format(title=title, body=body, extra=f"{extra}\n" if extra else "")


@dataclass
class LivePreview:
    """A running preview: its origin, its site folder and the messages of /__reload."""

    origin: str
    folder: Path
    process: subprocess.Popen[bytes]
    log: Path
    messages: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)
    version: int = 0

    @property
    def posts(self) -> Path:
        """The folder of the site's posts."""
        return self.folder / "content" / "posts"

    def get(self, path: str) -> httpx.Response:
        """GET a path of the preview."""
        return httpx.get(self.origin + path, timeout=30)

    def next_build(self, full: bool = True) -> dict[str, Any]:
        """Wait for the next finished build of that kind; return its /__reload message.

        Its "paths" lists every page announced since the last wait (a quick step's too).
        """
        paths: list[str] = []
        deadline = time.monotonic() + BUILD_TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            assert self.process.poll() is None, self.log.read_text(encoding="utf-8")
            try:
                message = self.messages.get(timeout=min(left, 5))
            except queue.Empty:
                continue
            self.version = message["version"]
            paths += message["paths"]
            if message["full"] == full:
                return {**message, "paths": paths}
        raise AssertionError(f"no {'full' if full else 'quick'} build within {BUILD_TIMEOUT} s")

    def stop(self) -> None:
        """End the preview process."""
        self.process.terminate()
        self.process.wait(timeout=30)


def start_live_preview(
    folder: Path,
    posts: dict[str, str],
    language: str = "de",
    settings: str = "",
    backend: dict[str, str] | None = None,
    watch_also: tuple[Path, ...] = (),
) -> LivePreview:
    """Write the small site with these posts (and settings) and serve it with the preview.

    `backend`: FACES_* variables for the preview's backend beyond its own database;
    `watch_also`: folders besides the content whose changes rebuild (a theme).
    """
    # The content cache on, as in pelicanconf.py: the preview must not serve from it stale.
    extra = f"MESSAGES_LANG = {language!r}\nLOAD_CONTENT_CACHE = True\n{settings}"
    settings_file = make_site(folder, posts, extra)
    port = free_port()
    log = folder / "preview.log"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FACES_")}
    watched = "|".join(str(path) for path in (folder / "content", *watch_also))
    arguments = [ROOT, settings_file, folder / "output", watched, port]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", SERVER, *map(str, arguments)],
            cwd=folder,
            env={**clean, "FACES_DB": str(folder / "preview.sqlite3"), **(backend or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    preview = LivePreview(f"http://127.0.0.1:{port}", folder, process, log)
    connected = threading.Event()
    threading.Thread(target=_listen, args=(preview, port, connected), daemon=True).start()
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not connected.wait(timeout=0.2):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"the preview did not start:\n{log.read_text(encoding='utf-8')}")
    try:
        preview.version = preview.messages.get(timeout=BUILD_TIMEOUT)["version"]
    except queue.Empty:
        process.kill()
        raise AssertionError("/__reload sent no first message (the current state)") from None
    return preview


def _listen(preview: LivePreview, port: int, connected: threading.Event) -> None:
    """Read /__reload (once the server answers) and queue every message."""
    for response in _reload_stream(preview, port):
        connected.set()
        while line := response.readline():
            if line.startswith(b"data:"):
                preview.messages.put(json.loads(line[5:]))
        return


def _reload_stream(preview: LivePreview, port: int) -> Iterator[http.client.HTTPResponse]:
    while preview.process.poll() is None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=BUILD_TIMEOUT * 2)
        try:
            connection.request("GET", "/__reload")
            yield connection.getresponse()
            return
        except ConnectionRefusedError:
            connection.close()
            time.sleep(0.1)  # the server is still making its first build
