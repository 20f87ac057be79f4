"""The build benchmark's Markdown tables: builds against plain Pelican, stages, the loop."""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence

from build_records import (
    CACHED,
    CACHED_ONE_WRITER,
    CACHED_PUBLISH,
    FIRST,
    FIRST_PUBLISH,
    FIRST_TARGET,
    LOOP_TARGET,
    MEMORY_TARGET,
    NO_PELICAN_CACHE,
    NO_PELICAN_CACHE_PUBLISH,
    PLAIN,
    RATIO_TARGET,
    TABLE_STAGES,
    UNCHANGED,
    Edit,
    Results,
    Run,
    median_of,
    stage_table,
)


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
    (FIRST_PUBLISH, "the same with `publishconf.py` (every photo, cover copy and card made)", ""),
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
    (
        CACHED_ONE_WRITER,
        "the clean build with one writing process (`PARALLEL_WRITE_PROCESSES = 1`)",
        "",
    ),
    (NO_PELICAN_CACHE, "clean build, plugin caches kept (photos, cards), no Pelican cache", ""),
    (NO_PELICAN_CACHE_PUBLISH, "the same with `publishconf.py`, no Pelican cache", ""),
)
_PEAK_ROWS = (
    (FIRST, "first build"),
    (FIRST_PUBLISH, "first build, publishconf"),
    (CACHED, "clean build, all caches kept"),
    (CACHED_PUBLISH, "publishconf, all caches kept"),
    (CACHED_ONE_WRITER, "clean build, one writing process"),
)


def stage_lines(results: Results) -> list[str]:
    """The stage table: where each of our builds spent its time (medians, build process)."""
    kinds = [
        (kind, runs)
        for kind in (
            FIRST,
            FIRST_PUBLISH,
            CACHED,
            CACHED_PUBLISH,
            CACHED_ONE_WRITER,
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
