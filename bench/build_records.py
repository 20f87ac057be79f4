"""Records and figures of the build benchmark: runs, edits, the work folder, the Markdown table."""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / ".work"
LOOP_TARGET = 1.5  # seconds from saving a post to the reloaded preview (foundation issue)
# Issue 21's targets against plain Pelican: a first build (empty caches), a clean build with the
# plugin caches kept (pelicanconf.py and publishconf.py), peak memory.
FIRST_TARGET = 1.5
RATIO_TARGET = 1.0
MEMORY_TARGET = 1.3
# The kinds of build, as the runs and the tables name them. "Clean" is an empty output folder;
# the issue's clean build keeps the caches an operator keeps in CACHE_PATH: the plugins' (photos,
# cards, image verdicts) and Pelican's content cache (pelicanconf.py enables it, content_cache
# makes it safe). The rows without Pelican's cache are kept to compare with earlier sessions.
FIRST = "ours, first build"
PLAIN = "plain Pelican"
UNCHANGED = "ours, nothing changed"
CACHED = "ours, clean, all caches kept"
CACHED_PUBLISH = "ours, publishconf, all caches kept"
NO_PELICAN_CACHE = "ours, clean, plugin caches kept, no Pelican cache"
NO_PELICAN_CACHE_PUBLISH = "ours, publishconf, plugin caches kept, no Pelican cache"
# Functions timed in our builds (module, function or Class.method): what the build process
# waited for (photos, cards and image copies are made by other processes meanwhile).
STAGES = {
    "photo wait": ("author_profiles.portraits", "PendingPortraits.finish"),
    "card wait": ("author_profiles.card_cache", "PendingCards.wait"),
    "image wait": ("clean_images.generator", "PendingImages.wait"),
    # Pagefind over the written site (bench/bench_search.py measures it on its own too).
    "search index": ("site_search.pagefind_index", "write_index"),
    "related posts": ("site_search.plugin", "attach_related"),
}
# The stage table: Pelican's generators by what they do; every other generator is a plugin's.
READ = ("ArticlesGenerator.generate_context", "PagesGenerator.generate_context")
WRITE = tuple(
    f"{kind}.generate_output"
    for kind in ("ArticlesGenerator", "PagesGenerator", "TemplatePagesGenerator", "StaticGenerator")
)
WAITS = ("photo wait", "card wait", "image wait")
TABLE_STAGES = (
    "read (Pelican, Markdown, our reader plugins)",
    "plugins (our generators)",
    "photos (waited for)",
    "cards (waited for)",
    "image copies (waited for)",
    "write (Pelican's pages, our theme)",
    "search index (Pagefind)",
    "rest (start, settings, signals, check after the build)",
)


def stage_table(stages: dict[str, float], cpu: bool = False) -> dict[str, float]:
    """One build's timed functions grouped into the issue's stages (seconds, build process).

    With cpu, the build process's CPU seconds instead of wall seconds: on a shared machine
    they show what a stage costs, whatever else runs beside it.
    """
    suffix = " CPU" if cpu else ""

    def timed(name: str) -> float:
        return stages.get(name + suffix, 0.0)

    read = sum(timed(name) for name in READ)
    write = sum(timed(name) for name in WRITE)
    waits = [timed(name) for name in WAITS]
    generators = sum(
        seconds
        for name, seconds in stages.items()
        if name.endswith((".generate_context" + suffix, ".generate_output" + suffix))
    )
    plugins = generators - read - write - sum(waits)
    search = timed("search index")
    whole = stages.get("build process CPU" if cpu else "build", 0.0)
    rest = whole - generators - search
    return dict(zip(TABLE_STAGES, (read, plugins, *waits, write, search, rest), strict=True))


@dataclass(frozen=True)
class Run:
    """One measured build."""

    kind: str
    seconds: float
    max_rss_mib: float  # the largest single process's peak (the build, a worker or Pagefind)
    stages: dict[str, float] = field(default_factory=dict)  # seconds per timed stage
    problems: int | None = None
    tree_peak_mib: float = 0.0  # the process tree's summed PSS at its largest
    tree_rss_peak_mib: float = 0.0  # the same summing RSS (shared pages in every process)
    cpu_seconds: float = 0.0  # user + system CPU of the build and all its descendants


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


def exit_on_failure(code: int, what: str, log: Path) -> None:
    if code:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise SystemExit(f"{what} failed (exit {code}); end of {log}:\n" + "\n".join(tail))


def median_of(values: Sequence[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def seconds_text(value: float | None) -> str:
    return "not seen" if value is None else f"{value:.2f} s"


def markdown_table(results: Results, args: argparse.Namespace, plugins: Sequence[str]) -> str:
    """The figures as a Markdown table for docs/benchmarks.md."""
    plain = results.of(PLAIN)
    photos = "a 12-MP photo each" if args.photos else "no photos"
    lines = [
        f"{args.posts} posts, {args.authors} authors ({photos}); builds: medians (min–max) of "
        f"{args.repeats} interleaved rounds; our PLUGINS: {', '.join(plugins) or 'none'}; "
        "peak: the build's process tree at its largest (see build_launcher.py).",
        "",
        "| measure | ours | plain Pelican | ours / plain | CPU s: ours, plain, ratio | target |",
        "|---|---|---|---|---|---|",
    ]
    for kind, label, target in _TIME_ROWS:
        if runs := results.of(kind):
            lines.append(
                f"| {label} | {_cell(runs)} | {_cell(plain)} | {_ratio(runs, plain)} "
                f"| {_cpu(runs, plain)} | {target} |"
            )
    for kind, label in _PEAK_ROWS:
        if runs := results.of(kind):
            lines.append(
                f"| peak memory, {label} | {_peak(runs)} MiB | {_peak(plain)} MiB "
                f"| {_peak_ratio(runs, plain)} | | ≤ {MEMORY_TARGET}x |"
            )
    if same := results.of(UNCHANGED):
        first = results.of(FIRST)
        lines.append(
            f"| rebuild, nothing changed (caches warm) | {_cell(same)}"
            + (f"; {_ratio(same, first)} of the first build" if first else "")
            + " | | | | |"
        )
    if results.ours_loop:
        ours, other = results.ours_loop, results.plain_loop
        lines += [
            f"| editor's loop, saved → page has the edit (median of {len(ours)}) "
            f"| {_loop(ours, 'page')} | {_loop(other, 'page')} | | | |",
            f"| editor's loop, saved → browser told to reload | {_loop(ours, 'signal')} | | | | |",
            f"| editor's loop, saved → reloaded page has the edit | {_loop(ours, 'reloaded')} "
            f"| | | | < {LOOP_TARGET} s |",
            f"| editor's loop, saved → whole site rebuilt | {_loop(ours, 'whole')} "
            f"| {_loop(other, 'whole')} | | | |",
        ]
    lines += ["", *stage_lines(results)]
    return "\n".join(lines)


# The time rows of the table: kind, what the row says, target.
_TIME_ROWS = (
    (FIRST, "first build (empty output, no caches)", f"≤ {FIRST_TARGET}x"),
    (
        CACHED,
        "clean build, all caches kept (plugins' and Pelican's content cache)",
        f"≤ {RATIO_TARGET}x",
    ),
    (
        CACHED_PUBLISH,
        "the same with `publishconf.py` (no drafts, no review page)",
        f"≤ {RATIO_TARGET}x",
    ),
    (NO_PELICAN_CACHE, "clean build, plugin caches kept (photos, cards), no Pelican cache", ""),
    (NO_PELICAN_CACHE_PUBLISH, "the same with `publishconf.py`, no Pelican cache", ""),
)
_PEAK_ROWS = (
    (FIRST, "first build"),
    (CACHED, "clean build, all caches kept"),
    (CACHED_PUBLISH, "publishconf, all caches kept"),
)


def stage_lines(results: Results) -> list[str]:
    """The stage table: where each of our builds spent its time (medians, build process)."""
    kinds = [
        (kind, runs)
        for kind in (
            FIRST,
            CACHED,
            CACHED_PUBLISH,
            NO_PELICAN_CACHE,
            NO_PELICAN_CACHE_PUBLISH,
            UNCHANGED,
        )
        if (runs := results.of(kind)) and runs[0].stages
    ]
    if not kinds:
        return []
    lines = [
        "| stage: wall (CPU) seconds of the build process | "
        + " | ".join(k for k, _ in kinds)
        + " |",
        "|---|" + "---|" * len(kinds),
    ]
    walls = {kind: [stage_table(run.stages) for run in runs] for kind, runs in kinds}
    cpus = {kind: [stage_table(run.stages, cpu=True) for run in runs] for kind, runs in kinds}
    for stage in TABLE_STAGES:
        cells = [
            f"{median_of([t[stage] for t in walls[kind]]) or 0:.2f} "
            f"({median_of([t[stage] for t in cpus[kind]]) or 0:.2f})"
            for kind, _ in kinds
        ]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    for measure in _MEASURES:
        values = [median_of([run.stages.get(measure) for run in runs]) for _, runs in kinds]
        lines.append(
            f"| {_MEASURES[measure]} | " + " | ".join(f"{v or 0:.2f}" for v in values) + " |"
        )
    for label, attribute in (
        (
            "peak of the whole build: the process tree's summed PSS at its largest, MiB",
            "tree_peak_mib",
        ),
        ("the same summing RSS (shared pages counted in every process), MiB", "tree_rss_peak_mib"),
    ):
        trees = [median_of([getattr(run, attribute) for run in runs]) or 0 for _, runs in kinds]
        lines.append(f"| {label} | " + " | ".join(f"{value:.2f}" for value in trees) + " |")
    return lines


_MEASURES = {
    "build": "whole build, in the build process",
    "build process CPU": "CPU seconds of the build process",
    "other processes CPU": "CPU seconds of the other processes (image workers, Pagefind)",
    "RSS after reading MiB": "RSS of the build process, every generator's context made, MiB",
    "RSS after writing MiB": "RSS of the build process at Pelican's finalized signal, MiB",
    "build process peak MiB": "peak RSS of the build process, MiB",
    "largest other process peak MiB": "peak RSS of its largest worker or Pagefind, MiB",
}


def _cell(runs: Sequence[Run]) -> str:
    if not runs:
        return "–"
    seconds = [run.seconds for run in runs]
    spread = f" ({min(seconds):.1f}–{max(seconds):.1f})" if len(runs) > 1 else ""
    return f"{statistics.median(seconds):.1f} s{spread}, {_peak(runs)} MiB"


def _ratio(runs: Sequence[Run], baseline: Sequence[Run]) -> str:
    if not runs or not baseline:
        return "–"
    median = statistics.median(run.seconds for run in runs)
    return f"{median / statistics.median(run.seconds for run in baseline):.2f}x"


def _cpu(runs: Sequence[Run], baseline: Sequence[Run]) -> str:
    if not runs or not baseline:
        return "–"
    ours = statistics.median(run.cpu_seconds for run in runs)
    theirs = statistics.median(run.cpu_seconds for run in baseline)
    return f"{ours:.1f}, {theirs:.1f}, {ours / theirs:.2f}x" if theirs else "–"


def _peak(runs: Sequence[Run]) -> str:
    return f"{statistics.median(run.tree_peak_mib for run in runs):.0f}" if runs else "–"


def _peak_ratio(runs: Sequence[Run], baseline: Sequence[Run]) -> str:
    if not runs or not baseline:
        return "–"
    ours = statistics.median(run.tree_peak_mib for run in runs)
    return f"{ours / statistics.median(run.tree_peak_mib for run in baseline):.2f}x"


def _loop(edits: Sequence[Edit], milestone: str) -> str:
    value = median_of([getattr(edit, milestone) for edit in edits])
    return "–" if value is None else f"{value:.2f} s"
