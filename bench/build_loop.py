"""The editor's loop of the build benchmark: one post edited at a time, timed to the page."""

from __future__ import annotations

import functools
import http.client
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_records import REPO, Edit, Layout, Results, exit_on_failure, seconds_text
from build_setup import slug_of
from synthetic import SyntheticPost, SyntheticSite

POLL_INTERVAL = 0.02
EDIT_TIMEOUT = 180.0
# Pause after a finished build before the next edit: `pelican -r` sets up its file watcher
# only after a build, and misses an edit saved before that.
SETTLE = 2.0
PLAIN_LOOP_BUDGET = 240.0  # seconds; plain Pelican's loop is skipped beyond this
# The preview as `invoke livereload` runs it, watching the content and the bench's theme copy.
LOOP_SERVER = """
import sys
repo, settings, output, watched, port = sys.argv[1:6]
sys.path[:0] = [repo, repo + "/plugins"]
from devserver.server import serve_preview
serve_preview(settings, output, watched.split("|"), "127.0.0.1", int(port), False)
"""


@dataclass(frozen=True)
class Server:
    """A server subprocess whose output is copied to a log, with lines of interest timed."""

    process: subprocess.Popen[bytes]
    log: Path
    finished: queue.Queue[float]  # arrival of each line that ends a whole build


def _edited_posts(site: SyntheticSite, count: int, offset: int) -> list[SyntheticPost]:
    """Posts spread over the site, different ones for each loop."""
    step = max(1, len(site.posts) // count)
    return [site.posts[(offset + i * step) % len(site.posts)] for i in range(count)]


@dataclass(frozen=True)
class LoopEdit:
    """One save in our loop: what kind of file, which file, and the URL path that shows it."""

    kind: str  # "post", "profile" or "template"
    source: Path
    url: str


def _loop_edits(
    site: SyntheticSite, settings: dict[str, Any], theme: Path, edits: int, kinds: Sequence[str]
) -> tuple[list[LoopEdit], str]:
    """The saves of our loop, the kinds taking turns; and the page a browser shows meanwhile."""
    posts = _edited_posts(site, edits + 1, offset=3)
    # The page open in the browser while the template is edited: a post no other edit touches.
    viewed = posts.pop()
    viewed_url = f"/{viewed.year}/{slug_of(viewed.title, settings)}/"
    step = max(1, len(site.authors) // edits)
    handles = [site.authors[(1 + i * step) % len(site.authors)] for i in range(edits)]

    def edits_of(kind: str) -> list[LoopEdit]:
        if kind == "post":
            return [
                LoopEdit("post", p.source, f"/{p.year}/{slug_of(p.title, settings)}/")
                for p in posts
            ]
        if kind == "profile":
            return [
                LoopEdit(
                    "profile",
                    site.content / "authors" / f"{handle}.md",
                    "/" + settings["AUTHOR_URL"].format(slug=handle),
                )
                for handle in handles
            ]
        return [LoopEdit("template", theme / "templates" / "base.html", viewed_url)] * edits

    by_kind = {kind: edits_of(kind) for kind in kinds}
    turns = [by_kind[kind][number] for number in range(edits) for kind in kinds]
    return turns, viewed_url


def ours_loop(
    layout: Layout,
    site: SyntheticSite,
    settings: dict[str, Any],
    edits: int,
    results: Results,
    kinds: Sequence[str] = ("post",),
) -> dict[str, list[Edit]]:
    """The preview server on the synthetic site; each save timed to the page and the reload.

    Post edits go into results.ours_loop; every kind's edits are returned by kind.
    """
    output = layout.path("out-loop")
    shutil.rmtree(output, ignore_errors=True)
    theme = layout.path("theme-loop")
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(REPO / "theme", theme)
    # The bench's own copy of the theme, so that a template edit leaves the repository alone.
    settings_file = layout.path("settings_loop.py")
    settings_file.write_text(
        layout.path("settings_ours.py").read_text(encoding="utf-8") + f"THEME = {str(theme)!r}\n",
        encoding="utf-8",
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    plan, viewed = _loop_edits(site, settings, theme, edits, kinds)
    print(f"\nEditor's loop, preview server (devserver.server, port {port}), {len(plan)} edits:")
    started = time.perf_counter()
    server = _start(
        [
            *(sys.executable, "-c", LOOP_SERVER, str(REPO), str(settings_file), str(output)),
            *(f"{site.content}|{theme}", str(port)),
        ],
        layout,
        "loop-ours.log",
        (b"Built in ", b"Build failed"),
    )
    originals = {edit.source: edit.source.read_bytes() for edit in plan}
    by_kind: dict[str, list[Edit]] = {kind: [] for kind in kinds}
    try:
        _wait_until(lambda: _get(base + "/") is not None, server)
        print(f"  first build and server up in {time.perf_counter() - started:.1f} s")
        events: queue.Queue[tuple[float, list[str]]] = queue.Queue()
        threading.Thread(target=_listen_reload, args=(port, events, viewed), daemon=True).start()
        events.get(timeout=30)
        time.sleep(SETTLE)
        for number, edit in enumerate(plan, 1):
            _drain(events, server.finished)
            if _get(base + edit.url) is None:
                raise SystemExit(f"the preview does not serve {edit.url} for {edit.source}")
            marker = _mark(edit, number)
            saved = time.perf_counter()
            page = _poll(functools.partial(_served_with, base + edit.url, marker), saved, server)
            signal = _reload_signal(events, edit.url, saved)
            reloaded = None
            if signal is not None and marker in (_get(base + edit.url) or ""):
                reloaded = time.perf_counter() - saved
            whole = _finished(server, saved)
            by_kind[edit.kind].append(Edit(page, signal, reloaded, whole))
            print(
                f"  edit {number} ({edit.kind}): page has the edit {seconds_text(page)}, reload "
                f"signal {seconds_text(signal)}, reloaded {seconds_text(reloaded)}, whole site "
                f"rebuilt {seconds_text(whole)}  ({edit.source.name})"
            )
            time.sleep(SETTLE)
    finally:
        _stop(server.process)
        for source, text in originals.items():
            source.write_bytes(text)
    results.ours_loop.extend(by_kind.get("post", []))
    return by_kind


def plain_loop(
    layout: Layout, site: SyntheticSite, settings: dict[str, Any], edits: int, results: Results
) -> None:
    """`pelican -r` with its content cache; each edit timed to the written page and `Done:`."""
    output = layout.path("out-plain-loop")
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(layout.path("cache-plain"), ignore_errors=True)
    posts = _edited_posts(site, edits, offset=7)
    print(f"\nEditor's loop, plain Pelican `pelican -r` with its content cache, {edits} edits:")
    server = _start(
        [sys.executable, "-m", "pelican", "-r", "-s", str(layout.path("settings_plain_loop.py"))],
        layout,
        "loop-plain.log",
        (b"Done: Processed",),
    )
    originals = {post.source: post.source.read_bytes() for post in posts}
    budget = time.perf_counter() + PLAIN_LOOP_BUDGET
    try:
        if _finished(server, time.perf_counter(), timeout=900) is None:
            raise SystemExit(f"plain Pelican's first build did not finish; see {server.log}")
        time.sleep(SETTLE)
        for number, post in enumerate(posts, 1):
            if time.perf_counter() > budget:
                results.notes.append(
                    f"plain Pelican's loop stopped after {number - 1} edits "
                    f"(over its budget of {PLAIN_LOOP_BUDGET:.0f} s)"
                )
                break
            page_file = output / f"{slug_of(post.title, settings)}.html"
            if not page_file.exists():
                raise SystemExit(f"plain Pelican did not write {page_file}")
            marker = _append_marker(post.source, number)
            saved = time.perf_counter()
            page = _poll(functools.partial(_written_with, page_file, marker), saved, server)
            whole = _finished(server, saved)
            results.plain_loop.append(Edit(page, None, None, whole))
            print(
                f"  edit {number}: page written with the edit {seconds_text(page)}, whole site "
                f"rebuilt {seconds_text(whole)}  ({post.source.name})"
            )
            time.sleep(SETTLE)
            _drain(server.finished)
    finally:
        _stop(server.process)
        for source, text in originals.items():
            source.write_bytes(text)


def _start(command: Sequence[str], layout: Layout, log: str, ends: Sequence[bytes]) -> Server:
    """Start a server; a thread copies its output to the log and times build-end lines."""
    process = subprocess.Popen(
        command,
        cwd=layout.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "250"},  # Pelican's console would wrap the Done: line
    )
    server = Server(process, layout.path(log), queue.Queue())
    threading.Thread(target=_follow, args=(server, ends), daemon=True).start()
    return server


def _follow(server: Server, ends: Sequence[bytes]) -> None:
    stream = server.process.stdout
    if stream is None:
        return
    with server.log.open("wb") as out:
        for line in stream:
            out.write(line)
            out.flush()
            if any(end in line for end in ends):
                server.finished.put(time.perf_counter())


def _finished(server: Server, since: float, timeout: float = EDIT_TIMEOUT) -> float | None:
    """Seconds from since until the server's next whole build ended; None on timeout."""
    try:
        return server.finished.get(timeout=timeout) - since
    except queue.Empty:
        return None


def _reload_signal(
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


def _listen_reload(
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


def _mark(edit: LoopEdit, number: int) -> str:
    """Save the edit: a sentence at the end of a post or profile, a line in the footer."""
    if edit.kind != "template":
        return _append_marker(edit.source, number)
    marker = f"Bench-Marker-{number}-{time.time_ns()}"
    text = edit.source.read_text(encoding="utf-8")
    edit.source.write_text(text.replace("</footer>", f"<p>{marker}</p></footer>", 1), "utf-8")
    return marker


def _append_marker(source: Path, number: int) -> str:
    marker = f"Bench-Marker-{number}-{time.time_ns()}"
    with source.open("a", encoding="utf-8") as out:
        out.write(f"\n\nNachtrag {marker} für den Benchmark.\n")
    return marker


def _poll(seen: Callable[[], bool], saved: float, server: Server) -> float | None:
    """Seconds after saved until seen() holds; None after EDIT_TIMEOUT."""
    while time.perf_counter() - saved < EDIT_TIMEOUT:
        if seen():
            return time.perf_counter() - saved
        _alive(server)
        time.sleep(POLL_INTERVAL)
    return None


def _wait_until(ready: Callable[[], bool], server: Server, timeout: float = 900) -> None:
    deadline = time.perf_counter() + timeout
    while not ready():
        _alive(server)
        if time.perf_counter() > deadline:
            raise SystemExit(f"the server did not come up within {timeout:.0f} s; {server.log}")
        time.sleep(0.2)


def _alive(server: Server) -> None:
    if server.process.poll() is not None:
        time.sleep(0.5)  # let the log thread copy the last lines
        exit_on_failure(server.process.returncode or 1, "the server", server.log)


def _drain(*queues: queue.Queue[Any]) -> None:
    for waiting in queues:
        while not waiting.empty():
            waiting.get_nowait()


def _served_with(url: str, marker: str) -> bool:
    """Whether the page served at url holds the marker."""
    return marker in (_get(url) or "")


def _written_with(path: Path, marker: str) -> bool:
    """Whether the written page file holds the marker."""
    return marker in _read(path)


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
