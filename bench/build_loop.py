"""The editor's loop of the build benchmark: one post edited at a time, timed to the page."""

from __future__ import annotations

import functools
import queue
import shutil
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_records import REPO, Edit, Layout, Results, seconds_text
from build_setup import slug_of
from loop_process import (
    drain,
    finished,
    free_port,
    get,
    listen_reload,
    poll,
    reload_signal,
    served_with,
    start,
    stop,
    wait_until,
    written_with,
)
from synthetic import SyntheticPost, SyntheticSite

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
    wait_whole: bool = True,
) -> dict[str, list[Edit]]:
    """The preview server on the synthetic site; each save timed to the page and the reload.

    Post edits go into results.ours_loop; every kind's edits are returned by kind. Without
    wait_whole the next edit follows SETTLE seconds after the page, while the full build runs.
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
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    plan, viewed = _loop_edits(site, settings, theme, edits, kinds)
    print(f"\nEditor's loop, preview server (devserver.server, port {port}), {len(plan)} edits:")
    started = time.perf_counter()
    server = start(
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
        wait_until(lambda: get(base + "/") is not None, server)
        print(f"  first build and server up in {time.perf_counter() - started:.1f} s")
        events: queue.Queue[tuple[float, list[str]]] = queue.Queue()
        threading.Thread(target=listen_reload, args=(port, events, viewed), daemon=True).start()
        events.get(timeout=30)
        time.sleep(SETTLE)
        for number, edit in enumerate(plan, 1):
            drain(events, server.finished)
            if get(base + edit.url) is None:
                raise SystemExit(f"the preview does not serve {edit.url} for {edit.source}")
            marker = _mark(edit, number)
            saved = time.perf_counter()
            page = poll(functools.partial(served_with, base + edit.url, marker), saved, server)
            signal = reload_signal(events, edit.url, saved)
            reloaded = None
            if signal is not None and marker in (get(base + edit.url) or ""):
                reloaded = time.perf_counter() - saved
            whole = finished(server, saved) if wait_whole else None
            by_kind[edit.kind].append(Edit(page, signal, reloaded, whole))
            print(
                f"  edit {number} ({edit.kind}): page has the edit {seconds_text(page)}, reload "
                f"signal {seconds_text(signal)}, reloaded {seconds_text(reloaded)}, whole site "
                f"rebuilt {seconds_text(whole)}  ({edit.source.name})"
            )
            time.sleep(SETTLE)
    finally:
        stop(server.process)
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
    server = start(
        [sys.executable, "-m", "pelican", "-r", "-s", str(layout.path("settings_plain_loop.py"))],
        layout,
        "loop-plain.log",
        (b"Done: Processed",),
    )
    originals = {post.source: post.source.read_bytes() for post in posts}
    budget = time.perf_counter() + PLAIN_LOOP_BUDGET
    try:
        if finished(server, time.perf_counter(), timeout=900) is None:
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
            page = poll(functools.partial(written_with, page_file, marker), saved, server)
            whole = finished(server, saved)
            results.plain_loop.append(Edit(page, None, None, whole))
            print(
                f"  edit {number}: page written with the edit {seconds_text(page)}, whole site "
                f"rebuilt {seconds_text(whole)}  ({post.source.name})"
            )
            time.sleep(SETTLE)
            drain(server.finished)
    finally:
        stop(server.process)
        for source, text in originals.items():
            source.write_bytes(text)


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
