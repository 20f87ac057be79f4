"""Build benchmark: our build against plain Pelican on a synthetic site, and the editor's loop.

    uv run python bench/bench_build.py [--posts 1000] [--authors 100] [--photos/--no-photos]
        [--repeats 3] [--edits 5] [--skip-plain] [--skip-loop] [--profile] [--keep]

Generates a site with bench/synthetic.py into a new folder bench/.work/build-*/, then runs,
interleaved per round: our first build (empty output, no caches), plain Pelican (default theme,
PLUGINS = [], no cache), our rebuild with nothing changed (all caches warm) and, with photos, our
clean build with the plugins' caches (photos, cards) kept, with pelicanconf.py (the preview:
drafts, the editors' review page) and with publishconf.py. Each build is a fresh subprocess;
wall time includes interpreter start; max RSS is that of the largest process (os.wait4). Then
the editor's loop: the preview server (devserver.server) on the synthetic site, one post
edited at a time, timed until the served page has the edit, until /__reload tells the browser
to reload it, and until the whole site is rebuilt; and plain Pelican's `pelican -r` with its
content cache on other posts. If the reload takes longer than the 1.5 s target (or with
--profile), a clean build and the rebuilds after one edit are profiled. The Markdown table
printed at the end goes into docs/benchmarks.md. Figures, not assertions: the machine is shared.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from synthetic import SiteSpec, SyntheticPost, SyntheticSite, generate_site

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / ".work"
LOOP_TARGET = 1.5  # seconds from saving a post to the reloaded preview (foundation issue)
RATIO_TARGET = 1.3  # our clean build against plain Pelican's
PUBLISH = "ours, publishconf, caches kept"
PHOTO_SHARE_TARGET = 0.05  # photo stage on a rebuild against its first run
POLL_INTERVAL = 0.02
EDIT_TIMEOUT = 180.0
# Pause after a finished build before the next edit: `pelican -r` sets up its file watcher
# only after a build, and misses an edit saved before that.
SETTLE = 2.0
PLAIN_LOOP_BUDGET = 240.0  # seconds; plain Pelican's loop is skipped beyond this

# The author_profiles plugin's image stages, timed in our builds: (module, function).
STAGES = {
    "photo": ("author_profiles.photos", "process_photos"),
    "card": ("author_profiles.card_cache", "render_cards"),
}

# Runs the `invoke build` task function itself, after wrapping each stage function with a
# timer wherever it has been imported.
OUR_BUILD = """
import importlib, json, os, sys, time
repo, settings, output, report, stages = sys.argv[1:6]
sys.path[:0] = [repo, os.path.join(repo, "plugins")]
spent = {}
def timer(stage, original):
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.setdefault(stage, []).append(time.perf_counter() - started)
    return timed
for stage, (module_name, function) in json.loads(stages).items():
    try:
        original = getattr(importlib.import_module(module_name), function)
    except Exception:
        continue  # not there (yet): the build reports what it can
    package = module_name.split(".")[0]
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] == package and getattr(module, function, None) is original:
            setattr(module, function, timer(stage, original))
from invoke import Context
import tasks
code = 0
try:
    tasks.build(Context(), settings=settings, output=output)
except SystemExit as stop:
    code = stop.code or 0
with open(report, "w") as out:
    json.dump({stage: sum(times) for stage, times in spent.items()}, out)
sys.exit(code)
"""

PREVIEW_SERVER = """
import sys
repo, settings, output, content, port = sys.argv[1:6]
sys.path[:0] = [repo, repo + "/plugins"]
from devserver.server import serve_preview
serve_preview(settings, output, [content], "127.0.0.1", int(port), False)
"""

# Profiles, in one process like the preview: a clean build (empty output, Pelican's content
# cache dropped, the photo cache kept), then after one edit the rebuilds the preview runs: the
# edited post's page alone (when fast_preview is in PLUGINS), then the whole site.
PROFILE_BUILDS = """
import cProfile, io, os, pstats, sys, sysconfig
repo, settings, output, post, report, quick = sys.argv[1:7]
sys.path[:0] = [repo, os.path.join(repo, "plugins")]
from devserver.build import build
text = io.StringIO()
def profiled(key, name, overrides):
    profiler = cProfile.Profile()
    profiler.enable()
    result = build(settings, overrides)
    profiler.disable()
    profiler.dump_stats(f"{report}.{key}.prof")
    text.write(f"### {name}: {result.seconds:.2f} s ({result.problems} problem(s))\\n")
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(12)
profiled("clean", "Clean build, plugin caches kept", {"OUTPUT_PATH": output})
with open(post, "a", encoding="utf-8") as source:
    source.write("\\n\\nEin Satz, der nur für das Profil angehängt wurde.\\n")
if quick == "yes":
    only = {"OUTPUT_PATH": output, "FAST_PREVIEW_SOURCES": [post]}
    profiled("edited", "Rebuild after one edit, the edited post only", only)
profiled("whole", "Rebuild after one edit, whole site", {"OUTPUT_PATH": output})
text = text.getvalue().replace(sysconfig.get_paths()["purelib"] + "/", "")
text = text.replace(repo + "/", "").replace(sys.prefix, "<venv>")
with open(report, "w", encoding="utf-8") as out:
    out.write(text)
"""

# What a settings file resolves to, read in a subprocess the way a build reads it.
PROBE_SETTINGS = """
import json, sys
from pelican.settings import read_settings
settings = read_settings(sys.argv[1])
keys = ("PLUGINS", "SLUG_REGEX_SUBSTITUTIONS", "SLUGIFY_USE_UNICODE", "SLUGIFY_PRESERVE_CASE")
print(json.dumps({key: settings.get(key) for key in keys}))
"""


@dataclass(frozen=True)
class Run:
    """One measured build."""

    kind: str
    seconds: float
    max_rss_mib: float
    stages: dict[str, float] = field(default_factory=dict)  # seconds per timed stage
    problems: int | None = None


@dataclass(frozen=True)
class Edit:
    """One edit in the editor's loop: seconds from saving to each milestone (None: not seen)."""

    page: float | None  # the served (ours) or written (plain) page has the edit
    signal: float | None  # /__reload names the page: the browser reloads now
    reloaded: float | None  # the reload's request returned the edited page
    whole: float | None  # the whole site is rebuilt


@dataclass
class Results:
    """Everything measured in one call."""

    runs: list[Run] = field(default_factory=list)
    ours_loop: list[Edit] = field(default_factory=list)
    plain_loop: list[Edit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profile: str = ""

    def of(self, kind: str) -> list[Run]:
        """The runs of one kind, in order."""
        return [run for run in self.runs if run.kind == kind]


@dataclass(frozen=True)
class Layout:
    """Where the synthetic site, its settings, outputs and caches live."""

    root: Path

    def path(self, name: str) -> Path:
        """A file or folder inside the work folder."""
        return self.root / name


@dataclass(frozen=True)
class Server:
    """A server subprocess whose output is copied to a log, with lines of interest timed."""

    process: subprocess.Popen[bytes]
    log: Path
    finished: queue.Queue[float]  # arrival of each line that ends a whole build


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the site, run the measurements, print the runs and a Markdown table."""
    args = _arguments(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    # A folder per call: two runs at once (a shared machine) must not share outputs.
    layout = Layout(Path(tempfile.mkdtemp(prefix="build-", dir=WORK)))
    spec = SiteSpec(args.posts, args.authors, args.photos, args.seed)
    started = time.perf_counter()
    site = generate_site(layout.root, spec, WORK / "photos")
    print(
        f"site: {len(site.posts)} posts ({site.words // len(site.posts)} words on average), "
        f"{len(site.authors)} authors, photos {'12 MP' if args.photos else 'none'}; "
        f"generated in {time.perf_counter() - started:.1f} s into {site.content}"
    )
    _write_settings(layout, site)
    ours, plain = _probe(layout.path("settings_ours.py")), _probe(layout.path("settings_plain.py"))
    plugins = ours["PLUGINS"]
    print(f"our PLUGINS: {', '.join(plugins) or '(none)'}")
    results = Results()
    try:
        _compare(layout, args, results)
        if not args.skip_loop:
            _ours_loop(layout, site, ours, args.edits, results)
            if not args.skip_plain:
                _plain_loop(layout, site, plain, args.edits, results)
        loop = _median([edit.reloaded for edit in results.ours_loop])
        if args.profile or (loop is not None and loop > LOOP_TARGET):
            results.profile = _profile_builds(layout, site, "fast_preview" in plugins)
            print("\nProfiles (cProfile, in one process, as the preview builds):")
            print(results.profile)
    finally:
        if args.keep:
            print(f"\nkept: {layout.root}")
        else:
            shutil.rmtree(layout.root, ignore_errors=True)
    print()
    print(_table(results, args, plugins))
    for note in results.notes:
        print(f"- {note}")


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts to generate")
    parser.add_argument("--authors", type=int, default=100, help="author profiles")
    parser.add_argument(
        "--photos",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="give every profile a 12-megapixel photo (default: yes)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="interleaved build rounds")
    parser.add_argument("--edits", type=int, default=5, help="edits in the editor's loop")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the synthetic site")
    parser.add_argument("--skip-plain", action="store_true", help="no plain Pelican runs")
    parser.add_argument("--skip-loop", action="store_true", help="no editor's loop")
    parser.add_argument("--profile", action="store_true", help="profile the builds in any case")
    parser.add_argument("--keep", action="store_true", help="keep the site and outputs")
    args = parser.parse_args(argv)
    if args.posts < 10 or args.repeats < 1 or args.edits < 1:
        parser.error("--posts must be at least 10, --repeats and --edits at least 1")
    return args


def _write_settings(layout: Layout, site: SyntheticSite) -> None:
    """Settings for our build (pelicanconf.py on the synthetic site) and for plain Pelican."""
    content = str(site.content)
    layout.path("settings_ours.py").write_text(
        '"""pelicanconf.py on the synthetic site (written by bench/bench_build.py)."""\n'
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"PATH = {content!r}\n"
        f"OUTPUT_PATH = {str(layout.path('out-ours'))!r}\n"
        f"CACHE_PATH = {str(layout.path('cache-ours'))!r}\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"CHECKS_CATEGORIES = {list(site.categories)!r}\n",
        encoding="utf-8",
    )
    layout.path("settings_publish.py").write_text(
        '"""publishconf.py on the synthetic site (written by bench/bench_build.py)."""\n'
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from publishconf import *  # noqa: F403\n"
        # What an operator sets in the environment; written here so the build is the real one.
        "SITEURL = FEED_DOMAIN = 'https://blog.seewerk.example'\n"
        f"PATH = {content!r}\n"
        f"OUTPUT_PATH = {str(layout.path('out-publish'))!r}\n"
        # The same cache folder as the preview builds: the photo and card caches are shared.
        f"CACHE_PATH = {str(layout.path('cache-ours'))!r}\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"CHECKS_CATEGORIES = {list(site.categories)!r}\n",
        encoding="utf-8",
    )
    for name, output, cache in (
        ("settings_plain.py", "out-plain", False),
        ("settings_plain_loop.py", "out-plain-loop", True),
    ):
        layout.path(name).write_text(
            '"""Plain Pelican: default theme, no plugins (written by bench/bench_build.py)."""\n'
            f"PATH = {content!r}\n"
            f"OUTPUT_PATH = {str(layout.path(output))!r}\n"
            f"CACHE_PATH = {str(layout.path('cache-plain'))!r}\n"
            'ARTICLE_PATHS = ["posts"]\nPAGE_PATHS = ["pages"]\nSTATIC_PATHS = ["images"]\n'
            'ARTICLE_EXCLUDES = ["authors", "pages", "images"]\n'
            'PAGE_EXCLUDES = ["authors", "posts", "images"]\n'
            'SITENAME = "Plain Pelican"\nTIMEZONE = "Europe/Zurich"\nDEFAULT_LANG = "de"\n'
            "DEFAULT_PAGINATION = 10\nPLUGINS = []\n"
            # Pelican's default "**/.*" matches every path under bench/.work/, so `pelican -r`
            # would never see an edit there; ".*" still keeps hidden files out of the build.
            'IGNORE_FILES = [".*"]\n'
            f"CACHE_CONTENT = {cache}\nLOAD_CONTENT_CACHE = {cache}\n",
            encoding="utf-8",
        )


def _probe(settings_file: Path) -> dict[str, Any]:
    """PLUGINS and the slug rules of a settings file, read in a subprocess like a build."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE_SETTINGS, str(settings_file)],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings_file.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _slug(title: str, settings: dict[str, Any]) -> str:
    """The slug the given settings make of a title (as pelican.contents does)."""
    from pelican.utils import slugify

    return slugify(
        title,
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"] or [],
        preserve_case=bool(settings["SLUGIFY_PRESERVE_CASE"]),
        use_unicode=bool(settings["SLUGIFY_USE_UNICODE"]),
    )


def _compare(layout: Layout, args: argparse.Namespace, results: Results) -> None:
    """Interleaved rounds: ours first build, plain, ours with nothing changed (, ours clean)."""
    print(f"\nBuilds, {args.repeats} interleaved rounds (wall time, max RSS):")
    for round_number in range(1, args.repeats + 1):
        for path in ("out-ours", "cache-ours"):
            shutil.rmtree(layout.path(path), ignore_errors=True)
        _record(results, round_number, _ours(layout, "ours, first build"))
        if not args.skip_plain:
            shutil.rmtree(layout.path("out-plain"), ignore_errors=True)
            _record(results, round_number, _plain(layout))
        _record(results, round_number, _ours(layout, "ours, nothing changed"))
        if args.photos:
            shutil.rmtree(layout.path("out-ours"), ignore_errors=True)
            kept = _drop_content_cache(layout.path("cache-ours"))
            _record(results, round_number, _ours(layout, "ours, clean, plugin caches kept"))
            if round_number == 1:
                results.notes.append(f"plugin caches kept: {', '.join(kept) or 'none'}")
            shutil.rmtree(layout.path("out-publish"), ignore_errors=True)
            _drop_content_cache(layout.path("cache-ours"))
            run = _ours(layout, PUBLISH, "settings_publish.py", "out-publish")
            _record(results, round_number, run)


def _record(results: Results, round_number: int, run: Run) -> None:
    results.runs.append(run)
    extra = "".join(f", {stage} stage {seconds:.2f} s" for stage, seconds in run.stages.items())
    if run.problems:
        extra += f", {run.problems} problem(s) reported"
    print(
        f"  round {round_number}  {run.kind:<32} {run.seconds:6.2f} s  "
        f"{run.max_rss_mib:5.0f} MiB{extra}"
    )


def _drop_content_cache(cache: Path) -> list[str]:
    """Remove Pelican's own cache files; keep the plugins' cache folders and name them."""
    kept = []
    if cache.is_dir():
        for entry in sorted(cache.iterdir()):
            if entry.is_file():
                entry.unlink()
            else:
                kept.append(entry.name)
    return kept


def _ours(
    layout: Layout, kind: str, settings: str = "settings_ours.py", output: str = "out-ours"
) -> Run:
    report = layout.path("our-build.json")
    report.unlink(missing_ok=True)
    log = layout.path("our-build.log")
    command = [
        sys.executable,
        "-c",
        OUR_BUILD,
        str(REPO),
        str(layout.path(settings)),
        str(layout.path(output)),
        str(report),
        json.dumps(STAGES),
    ]
    seconds, rss, code = _measured(command, layout.root, log)
    _check(code, "our build", log)
    text = log.read_text(encoding="utf-8", errors="replace")
    found = re.search(r"with (\d+) problem", text)
    problems = int(found.group(1)) if found else 0
    stages = json.loads(report.read_text(encoding="utf-8"))
    return Run(kind, seconds, rss, stages, problems)


def _plain(layout: Layout) -> Run:
    log = layout.path("plain-build.log")
    command = [sys.executable, "-m", "pelican", "-s", str(layout.path("settings_plain.py"))]
    seconds, rss, code = _measured(command, layout.root, log)
    _check(code, "plain Pelican", log)
    return Run("plain Pelican", seconds, rss)


def _measured(command: Sequence[str], cwd: Path, log: Path) -> tuple[float, float, int]:
    """Run a command; wall seconds, max RSS in MiB of its largest process, exit code."""
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def _check(code: int, what: str, log: Path) -> None:
    if code:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise SystemExit(f"{what} failed (exit {code}); end of {log}:\n" + "\n".join(tail))


def _edited_posts(site: SyntheticSite, count: int, offset: int) -> list[SyntheticPost]:
    """Posts spread over the site, different ones for each loop."""
    step = max(1, len(site.posts) // count)
    return [site.posts[(offset + i * step) % len(site.posts)] for i in range(count)]


def _ours_loop(
    layout: Layout, site: SyntheticSite, settings: dict[str, Any], edits: int, results: Results
) -> None:
    """The preview server on the synthetic site; each edit timed to the page and the reload."""
    output = layout.path("out-loop")
    shutil.rmtree(output, ignore_errors=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    posts = _edited_posts(site, edits, offset=3)
    print(f"\nEditor's loop, preview server (devserver.server, port {port}), {edits} edits:")
    started = time.perf_counter()
    server = _start(
        [
            *(sys.executable, "-c", PREVIEW_SERVER, str(REPO)),
            *(str(layout.path("settings_ours.py")), str(output), str(site.content), str(port)),
        ],
        layout,
        "loop-ours.log",
        (b"Built in ", b"Build failed"),
    )
    originals = {post.source: post.source.read_bytes() for post in posts}
    try:
        _wait_until(lambda: _get(base + "/") is not None, server)
        print(f"  first build and server up in {time.perf_counter() - started:.1f} s")
        events: queue.Queue[tuple[float, list[str]]] = queue.Queue()
        threading.Thread(target=_listen_reload, args=(port, events), daemon=True).start()
        events.get(timeout=30)
        time.sleep(SETTLE)
        for number, post in enumerate(posts, 1):
            _drain(events, server.finished)
            path = f"/{post.year}/{_slug(post.title, settings)}/"
            if _get(base + path) is None:
                raise SystemExit(f"the preview does not serve {path} for {post.source}")
            marker = _append_marker(post.source, number)
            saved = time.perf_counter()
            page = _poll(lambda u=base + path, m=marker: m in (_get(u) or ""), saved, server)
            signal = _reload_signal(events, path, saved)
            reloaded = None
            if signal is not None and marker in (_get(base + path) or ""):
                reloaded = time.perf_counter() - saved
            whole = _finished(server, saved)
            results.ours_loop.append(Edit(page, signal, reloaded, whole))
            print(
                f"  edit {number}: page has the edit {_secs(page)}, reload signal "
                f"{_secs(signal)}, reloaded {_secs(reloaded)}, whole site rebuilt "
                f"{_secs(whole)}  ({post.source.name})"
            )
            time.sleep(SETTLE)
    finally:
        _stop(server.process)
        for source, text in originals.items():
            source.write_bytes(text)


def _plain_loop(
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
            page_file = output / f"{_slug(post.title, settings)}.html"
            if not page_file.exists():
                raise SystemExit(f"plain Pelican did not write {page_file}")
            marker = _append_marker(post.source, number)
            saved = time.perf_counter()
            page = _poll(lambda f=page_file, m=marker: m in _read(f), saved, server)
            whole = _finished(server, saved)
            results.plain_loop.append(Edit(page, None, None, whole))
            print(
                f"  edit {number}: page written with the edit {_secs(page)}, whole site "
                f"rebuilt {_secs(whole)}  ({post.source.name})"
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


def _listen_reload(port: int, events: queue.Queue[tuple[float, list[str]]]) -> None:
    """Read /__reload (server-sent events) and queue each message's paths with its arrival."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=EDIT_TIMEOUT)
    connection.request("GET", "/__reload")
    response = connection.getresponse()
    events.put((time.perf_counter(), []))  # connected: the main thread may start editing
    while line := response.readline():
        if line.startswith(b"data:"):
            arrived = time.perf_counter()
            message = json.loads(line[5:])
            events.put((arrived, list(message.get("paths", []))))


def _profile_builds(layout: Layout, site: SyntheticSite, quick: bool) -> str:
    """cProfile of a clean build and of the rebuilds after one edit, in one process."""
    report = WORK / "build-profile.txt"  # outside the run's folder: kept without --keep
    post = site.posts[len(site.posts) // 2].source
    original = post.read_bytes()
    output = layout.path("out-profile")
    shutil.rmtree(output, ignore_errors=True)
    _drop_content_cache(layout.path("cache-ours"))
    command = [
        *(sys.executable, "-c", PROFILE_BUILDS, str(REPO), str(layout.path("settings_ours.py"))),
        *(str(output), str(post), str(report), "yes" if quick else "no"),
    ]
    try:
        subprocess.run(command, cwd=layout.root, check=True, capture_output=True)
    finally:
        post.write_bytes(original)
    print(f"(profile text: {report}; pstats files next to it)")
    return report.read_text(encoding="utf-8")


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
        _check(server.process.returncode or 1, "the server", server.log)


def _drain(*queues: queue.Queue[Any]) -> None:
    for waiting in queues:
        while not waiting.empty():
            waiting.get_nowait()


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


def _median(values: Sequence[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def _secs(value: float | None) -> str:
    return "not seen" if value is None else f"{value:.2f} s"


def _table(results: Results, args: argparse.Namespace, plugins: Sequence[str]) -> str:
    """The figures as a Markdown table for docs/benchmarks.md."""
    first, plain = results.of("ours, first build"), results.of("plain Pelican")
    same, warm = results.of("ours, nothing changed"), results.of("ours, clean, plugin caches kept")
    photos = "a 12-MP photo each" if args.photos else "no photos"
    lines = [
        f"{args.posts} posts, {args.authors} authors ({photos}); builds: medians (min–max) of "
        f"{args.repeats} interleaved rounds; our PLUGINS: {', '.join(plugins) or 'none'}.",
        "",
        "| measure | ours | plain Pelican | ours / plain | target |",
        "|---|---|---|---|---|",
        f"| clean build (empty output, no caches) | {_cell(first)} | {_cell(plain)} "
        f"| {_ratio(first, plain)} | ≤ {RATIO_TARGET}x |",
    ]
    if warm:
        published = results.of(PUBLISH)
        lines += [
            f"| clean build, plugin caches kept (photos, cards) | {_cell(warm)} | {_cell(plain)} "
            f"| {_ratio(warm, plain)} | ≤ {RATIO_TARGET}x |",
            f"| the same with `publishconf.py` (no drafts, no review page) | {_cell(published)} "
            f"| {_cell(plain)} | {_ratio(published, plain)} | ≤ {RATIO_TARGET}x |",
        ]
    lines.append(
        f"| rebuild, nothing changed (caches warm) | {_cell(same)}; "
        f"{_ratio(same, first)} of the first build | | | |"
    )
    for stage in STAGES:
        before = _median([run.stages.get(stage) for run in first])
        after = _median([run.stages.get(stage) for run in same])
        if before and after is not None:
            target = f"< {PHOTO_SHARE_TARGET:.0%}" if stage == "photo" else ""
            lines.append(
                f"| {stage} stage: first build → nothing changed | {before:.2f} s → "
                f"{after:.3f} s ({after / before:.1%}) | | | {target} |"
            )
    if results.ours_loop:
        ours, other = results.ours_loop, results.plain_loop
        lines += [
            f"| editor's loop, saved → page has the edit (median of {len(ours)}) "
            f"| {_loop(ours, 'page')} | {_loop(other, 'page')} | | |",
            f"| editor's loop, saved → browser told to reload | {_loop(ours, 'signal')} | | | |",
            f"| editor's loop, saved → reloaded page has the edit | {_loop(ours, 'reloaded')} "
            f"| | | < {LOOP_TARGET} s |",
            f"| editor's loop, saved → whole site rebuilt | {_loop(ours, 'whole')} "
            f"| {_loop(other, 'whole')} | | |",
        ]
    return "\n".join(lines)


def _cell(runs: Sequence[Run]) -> str:
    if not runs:
        return "–"
    seconds = [run.seconds for run in runs]
    spread = f" ({min(seconds):.1f}–{max(seconds):.1f})" if len(runs) > 1 else ""
    rss = statistics.median(run.max_rss_mib for run in runs)
    return f"{statistics.median(seconds):.1f} s{spread}, {rss:.0f} MiB"


def _ratio(runs: Sequence[Run], baseline: Sequence[Run]) -> str:
    if not runs or not baseline:
        return "–"
    median = statistics.median(run.seconds for run in runs)
    return f"{median / statistics.median(run.seconds for run in baseline):.2f}x"


def _loop(edits: Sequence[Edit], milestone: str) -> str:
    value = _median([getattr(edit, milestone) for edit in edits])
    return "–" if value is None else f"{value:.2f} s"


if __name__ == "__main__":
    main()
