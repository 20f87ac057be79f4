"""The preview's search index made by the preview server (SEARCH_INDEX_ON_REQUEST), timed.

    uv run python bench/bench_search_on_request.py --site bench/.work/first-XXXX [--edits 3]

Serves the site of an earlier bench_first_build.py run (its settings_after_pelicanconf.py:
this checkout's pelicanconf.py over the synthetic posts) with the preview server, as
`invoke livereload` does, into a fresh output and cache. Prints, for the first build and after
each edit of one post's text: the seconds from the served build to the index made (the
server's own "Search index ready" line), and what a search asked for at once waits: the
first request under /pagefind/ right when the server answers after its first build, and right
after each edit's full build. Figures, not assertions: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVER = """
import sys
root, settings, output, content, port = sys.argv[1:6]
sys.path[:0] = [root, root + "/plugins"]
from devserver.server import serve_preview
serve_preview(settings, output, [content], "127.0.0.1", int(port), False)
"""
# What the search page asks for first on a sharded index (a whole index answers 404 to it).
SEARCHED = "/pagefind/shards.json"
# The line the preview prints once a full build is done, just before it is served.
BUILT = re.compile(r"^Built in ", re.M)
READY = re.compile(r"Search index ready (\d+\.\d+) s after the build")


def main(argv: Sequence[str] | None = None) -> None:
    """Start the preview on the site, time the index after the first build and each edit."""
    args = _arguments(argv)
    site = args.site.resolve()
    settings = site / "settings_after_pelicanconf.py"
    content = _content(settings)
    output, cache = site / "out-on-request", site / "cache-after-pelicanconf"
    for folder in (output, cache, Path(f"{output}-preview-build")):
        shutil.rmtree(folder, ignore_errors=True)
    port = _free_port()
    log = site / "on-request.log"
    started = time.perf_counter()
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-c",
                SERVER,
                str(REPO),
                str(settings),
                str(output),
                content,
                str(port),
            ],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    origin = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _status(origin + "/") == 200, 900)
        answered = time.perf_counter() - started
        first_wait = _timed_get(origin + SEARCHED)
        print(f"first build served after {answered:.1f} s (server start to first answer)")
        print(f"first search request under /pagefind/: answered after {first_wait:.2f} s")
        ready = _ready_lines(log, 1)
        print(f"index ready {ready[-1]:.2f} s after the first build")
        edits = []
        posts = sorted((Path(content) / "posts").rglob("*.md"))
        for number in range(args.edits):
            post = posts[number * 7 % len(posts)]
            text = post.read_text(encoding="utf-8")
            builds = _count(log, BUILT)
            post.write_text(text + f"\nNachtrag {number}: Lagersitze.\n", encoding="utf-8")
            try:
                # A search asked for as soon as the edit's full build is served.
                _next_build(log, builds)
                wait = _timed_get(origin + SEARCHED)
                lines = _ready_lines(log, len(ready) + 1)
            finally:
                post.write_text(text, encoding="utf-8")
            ready = _ready_lines(log, len(lines) + 1)  # the edit undone: its build too
            edits.append(lines[-1])
            print(
                f"edit {number + 1}: index ready {lines[-1]:.2f} s after the build "
                f"(a search then waited {wait:.2f} s)"
            )
        if edits:
            print(f"edits: median {statistics.median(edits):.2f} s from build to index")
    finally:
        server.terminate()
        server.wait(timeout=60)
    print(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a bench_first_build.py site")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.site / "settings_after_pelicanconf.py").is_file():
        parser.error(f"--site {args.site}: no settings_after_pelicanconf.py there")
    return args


def _content(settings: Path) -> str:
    """The content folder the settings file names (its PATH line)."""
    match = re.search(r"^PATH = '(.+)'$", settings.read_text(encoding="utf-8"), re.M)
    if match is None:
        sys.exit(f"{settings}: no PATH line")
    return match.group(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _timed_get(url: str) -> float:
    """Seconds until `url` is answered (a 503 after the server's bounded wait asks again)."""
    started = time.perf_counter()
    _wait_for(lambda: _status(url) not in (0, 503), 900)
    return time.perf_counter() - started


def _count(log: Path, line: re.Pattern[str]) -> int:
    return len(line.findall(log.read_text(encoding="utf-8")))


def _next_build(log: Path, builds: int) -> None:
    """Wait for the full build after the `builds` the preview's log says were done."""
    _wait_for(lambda: _count(log, BUILT) > builds, 900)


def _ready_lines(log: Path, count: int) -> list[float]:
    """The server's "Search index ready" figures, once there are `count` of them."""
    found: list[float] = []

    def enough() -> bool:
        found[:] = [float(m) for m in READY.findall(log.read_text(encoding="utf-8"))]
        return len(found) >= count

    _wait_for(enough, 900)
    return found


def _wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            sys.exit("timed out")
        time.sleep(0.05)


if __name__ == "__main__":
    main()
