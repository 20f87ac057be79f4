"""Records and figures of the build benchmark: runs, edits, the work folder, the Markdown table."""

from __future__ import annotations

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
# The same with publishconf.py: every photo, cover copy and card made in the build itself.
FIRST_PUBLISH = "ours, first build, publishconf"
PLAIN = "plain Pelican"
UNCHANGED = "ours, nothing changed"
CACHED = "ours, clean, all caches kept"
CACHED_PUBLISH = "ours, publishconf, all caches kept"
# The clean build with one writing process (PARALLEL_WRITE_PROCESSES = 1): memory against time.
CACHED_ONE_WRITER = "ours, clean, all caches kept, one writing process"
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
