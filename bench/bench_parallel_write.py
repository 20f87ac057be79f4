"""Clean builds with the plugin caches kept, pages written by one process or two, interleaved.

    uv run python bench/bench_parallel_write.py --posts 1000 --authors 100 --repeats 3

Generates the synthetic site of bench_build.py (with 12-MP photos unless --no-photos), fills
the photo and card caches with one build, then alternates PARALLEL_WRITE_PROCESSES = 1 and 2,
each a clean build (output and Pelican's content cache dropped, the plugin caches kept, as
bench_build.py's "clean" row). It prints each run and the medians: the whole build (wall and
CPU seconds of the build process and of the other processes: the forked writer, Pagefind, the
image workers), the write stage (Pelican's article and page output; with two processes from
the fork to the pages taken in), and the peak resident memory of the build process and of the
largest other process (the forked writer shares the build process's pages copy-on-write, so
its peak counts those shared pages too).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from build_records import REPO, WORK, Layout, exit_on_failure
from build_runs import drop_content_cache, measured
from build_setup import OUR_BUILD, write_settings
from synthetic import SiteSpec, generate_site, reuse_or_generate

# The write stage: Pelican's two generators, or parallel_write's wrappers around them.
STAGES = {
    "articles": ("pelican.generators", "ArticlesGenerator.generate_output"),
    "pages": ("pelican.generators", "PagesGenerator.generate_output"),
    "shared articles": ("parallel_write.sharing", "SharedWriting.write_articles"),
    "shared pages": ("parallel_write.sharing", "SharedWriting.write_pages"),
}
FIGURES = (
    "build",
    "build process CPU",
    "other processes CPU",
    "write",
    "write CPU",
    "build process peak MiB",
    "largest other process peak MiB",
)


def main() -> None:
    """Generate, warm the caches, run the interleaved rounds, print medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--authors", type=int, default=100)
    parser.add_argument("--photos", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--site",
        type=Path,
        help="generate the site into this folder once and reuse it while the spec is the same",
    )
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    layout = Layout(Path(tempfile.mkdtemp(prefix="pwrite-", dir=WORK)))
    try:
        spec = SiteSpec(args.posts, args.authors, args.photos)
        if args.site:
            site, _ = reuse_or_generate(args.site.resolve(), spec, WORK / "photos")
        else:
            site = generate_site(layout.root, spec, WORK / "photos")
        write_settings(layout, site)
        ours = layout.path("settings_ours.py").read_text(encoding="utf-8")
        for processes in (1, 2):
            layout.path(f"settings_{processes}.py").write_text(
                ours + f"PARALLEL_WRITE_PROCESSES = {processes}\n", encoding="utf-8"
            )
        print(f"site: {len(site.posts)} posts, {len(site.authors)} authors; load {os.getloadavg()}")
        _build(layout, 2)  # fills the photo and card caches
        runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
        for round_number in range(args.repeats):
            order = (1, 2) if round_number % 2 == 0 else (2, 1)
            for processes in order:
                shutil.rmtree(layout.path("out"), ignore_errors=True)
                drop_content_cache(layout.path("cache-ours"))
                figures = _build(layout, processes)
                runs[processes].append(figures)
                shown = ", ".join(f"{k} {figures[k]:.2f}" for k in FIGURES)
                print(f"  round {round_number + 1}, {processes} process(es): {shown}", flush=True)
        print(f"\nmedians of {args.repeats} (load after: {os.getloadavg()}):")
        print("| figure | 1 process | 2 processes | 2 / 1 |\n|---|---|---|---|")
        for figure in FIGURES:
            one = statistics.median(r[figure] for r in runs[1])
            two = statistics.median(r[figure] for r in runs[2])
            print(f"| {figure} | {one:.2f} | {two:.2f} | {two / one if one else 0:.2f} |")
    finally:
        shutil.rmtree(layout.root, ignore_errors=True)


def _build(layout: Layout, processes: int) -> dict[str, float]:
    report, log = layout.path("report.json"), layout.path("build.log")
    command = [
        sys.executable,
        "-c",
        OUR_BUILD,
        str(REPO),
        str(layout.path(f"settings_{processes}.py")),
        str(layout.path("out")),
        str(report),
        json.dumps(STAGES),
    ]
    seconds, _, code = measured(command, layout.root, log)
    exit_on_failure(code, f"build with {processes} process(es)", log)
    stages = json.loads(report.read_text(encoding="utf-8"))
    shared = "shared articles" in stages
    names = ("shared articles", "shared pages") if shared else ("articles", "pages")
    stages["write"] = sum(stages.get(name, 0.0) for name in names)
    stages["write CPU"] = sum(stages.get(f"{name} CPU", 0.0) for name in names)
    stages["build"] = seconds
    return stages


if __name__ == "__main__":
    main()
