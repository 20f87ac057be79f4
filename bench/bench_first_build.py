"""First builds (empty output, no caches) of two checkouts side by side, against plain Pelican.

    uv run python bench/bench_first_build.py --before /path/to/old/checkout [--posts 1000]
        [--authors 100] [--repeats 3]

Generates one synthetic site with 12-MP photos (bench/synthetic.py) into bench/.work/first-*/
(or reuses the one given with --site), then runs, interleaved per round: the first build of the
old checkout and of this one, each with pelicanconf.py (the preview) and with publishconf.py
(the public site), and plain Pelican. Each build is a fresh subprocess with an empty output and
an empty cache; it is timed by the build benchmark's own stage timer (bench/build_setup.py), so
the stage table reads like bench/bench_build.py's. Prints medians (wall and CPU seconds) and the
ratio to plain Pelican. Figures, not assertions: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from build_records import REPO, STAGES, WORK, Layout, exit_on_failure, stage_table
from build_runs import measured as measured_run
from build_setup import OUR_BUILD, write_settings
from synthetic import SiteSpec, generate_site

CONFIGS = ("pelicanconf", "publishconf")


def main(argv: Sequence[str] | None = None) -> None:
    """Generate (or reuse) the site, run the interleaved rounds, print the medians."""
    args = _arguments(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    layout = Layout(args.site or Path(tempfile.mkdtemp(prefix="first-", dir=WORK)))
    spec = SiteSpec(args.posts, args.authors, True, args.seed)
    site = generate_site(layout.root, spec, WORK / "photos")
    write_settings(layout, site)
    trees = {"before": args.before.resolve(), "after": REPO}
    for label, tree in trees.items():
        for config in CONFIGS:
            _write_tree_settings(layout, label, tree, config, site.content, site.categories)
    runs: dict[str, list[dict[str, float]]] = {}
    print(f"Site: {layout.root} ({args.posts} posts, {args.authors} people with photos)")
    for round_number in range(1, args.repeats + 1):
        for label, tree in trees.items():
            for config in CONFIGS:
                name = f"{label}, {config}"
                measured = _first_build(layout, tree, label, config)
                runs.setdefault(name, []).append(measured)
                print(f"  round {round_number}  {name:<24} {_line(measured)}")
        plain = _plain(layout)
        runs.setdefault("plain Pelican", []).append(plain)
        print(f"  round {round_number}  {'plain Pelican':<24} {_line(plain)}")
    print(f"\nload average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(_table(runs))


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the old checkout")
    parser.add_argument("--site", type=Path, help="a folder from an earlier run to reuse")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--authors", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if not (args.before / "pelicanconf.py").is_file():
        parser.error(f"--before {args.before}: no pelicanconf.py there (a checkout of the repo?)")
    if args.repeats < 1 or args.posts < 1 or args.authors < 1:
        parser.error("--repeats, --posts and --authors must be at least 1")
    return args


def _write_tree_settings(
    layout: Layout, label: str, tree: Path, config: str, content: Path, categories: Sequence[str]
) -> None:
    # What an operator sets in the environment to publish.
    public = "SITEURL = FEED_DOMAIN = 'https://blog.seewerk.example'\n"
    extra = public if config == "publishconf" else ""
    layout.path(f"settings_{label}_{config}.py").write_text(
        f'"""{config}.py of {tree} on the synthetic site (bench/bench_first_build.py)."""\n'
        f"import sys\nsys.path.insert(0, {str(tree)!r})\n"
        f"from {config} import *  # noqa: F403\n{extra}"
        f"PATH = {str(content)!r}\n"
        f"OUTPUT_PATH = {str(layout.path(f'out-{label}-{config}'))!r}\n"
        f"CACHE_PATH = {str(layout.path(f'cache-{label}-{config}'))!r}\n"
        f"THEME = {str(tree / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(tree / 'plugins')!r}]\n"
        f"CHECKS_CATEGORIES = {list(categories)!r}\n",
        encoding="utf-8",
    )


def _first_build(layout: Layout, tree: Path, label: str, config: str) -> dict[str, float]:
    for folder in (f"out-{label}-{config}", f"cache-{label}-{config}"):
        shutil.rmtree(layout.path(folder), ignore_errors=True)
    report = layout.path("first-build.json")
    report.unlink(missing_ok=True)
    settings = str(layout.path(f"settings_{label}_{config}.py"))
    output = str(layout.path(f"out-{label}-{config}"))
    command = [sys.executable, "-c", OUR_BUILD, str(tree), settings, output, str(report)]
    log = layout.path("first-build.log")
    (seconds, peaks, code), cpu = _with_cpu(
        measured_run, [*command, json.dumps(STAGES)], layout.root, log
    )
    exit_on_failure(code, f"the first build of {tree} with {config}", log)
    stages = json.loads(report.read_text(encoding="utf-8"))
    measured = {"wall": seconds, "peak MiB": _tree_peak_mib(peaks), "CPU": cpu}
    measured["build CPU"] = stages.get("build process CPU", 0.0)
    measured["workers+Pagefind CPU"] = stages.get("other processes CPU", 0.0)
    measured |= stage_table(stages)
    return measured


def _plain(layout: Layout) -> dict[str, float]:
    shutil.rmtree(layout.path("out-plain"), ignore_errors=True)
    command = [sys.executable, "-m", "pelican", "-s", str(layout.path("settings_plain.py"))]
    log = layout.path("plain-build.log")
    (seconds, peaks, code), cpu = _with_cpu(measured_run, command, layout.root, log)
    exit_on_failure(code, "plain Pelican", log)
    return {"wall": seconds, "peak MiB": _tree_peak_mib(peaks), "CPU": cpu}


def _tree_peak_mib(peaks: dict[str, float]) -> float:
    """The build's peak as bench_build.py counts it: the summed PSS of its process tree."""
    return peaks.get("tree_peak_kib", 0.0) / 1024


def _with_cpu(
    run: Callable[..., tuple[float, dict[str, float], int]], *args: Any
) -> tuple[tuple[float, dict[str, float], int], float]:
    """run(*args) and the CPU seconds of every process it waited for (the build's whole tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run(*args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _line(measured: dict[str, float]) -> str:
    cpu = f", CPU {measured['CPU']:.1f} s in all"
    if "build CPU" in measured:
        other = measured["workers+Pagefind CPU"]
        cpu += f" (build {measured['build CPU']:.1f} s, workers/Pagefind {other:.1f} s)"
    return f"{measured['wall']:6.2f} s, {measured['peak MiB']:4.0f} MiB{cpu}"


def _table(runs: dict[str, list[dict[str, float]]]) -> str:
    plain = statistics.median(run["wall"] for run in runs["plain Pelican"])
    plain_cpu = statistics.median(run["CPU"] for run in runs["plain Pelican"])
    keys = [key for key in runs[next(iter(runs))][0] if key not in ("wall", "peak MiB", "CPU")]
    lines = [
        "| build (medians) | wall s | x plain | CPU s, all processes | x plain | peak MiB | "
        + " | ".join(keys)
        + " |",
        "|---|---|---|---|---|---|" + "---|" * len(keys),
    ]
    for name, measured in runs.items():
        wall = statistics.median(run["wall"] for run in measured)
        peak = statistics.median(run["peak MiB"] for run in measured)
        cells = [
            f"{statistics.median(run[key] for run in measured):.2f}" if key in measured[0] else ""
            for key in keys
        ]
        cpu = statistics.median(run["CPU"] for run in measured)
        ratios = f"{wall / plain:.2f}x | {cpu:.1f} | {cpu / plain_cpu:.2f}x"
        lines.append(f"| {name} | {wall:.2f} | {ratios} | {peak:.0f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
