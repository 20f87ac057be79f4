"""The build process's CPU seconds per stage and per generator: two checkouts' first builds.

    uv run python bench/bench_build_cpu.py --before /path/to/old/checkout --site bench/.work/site-1k
        [--repeats 3] [--config pelicanconf|publishconf] [--kind first|cached]

Takes a synthetic site made by bench/synthetic.py (or by bench_build.py with --site), writes a
settings file per checkout into its folder, and runs, interleaved per round, a build of the old
checkout and of this one, each a fresh subprocess with an empty output (`--kind first`: and an
empty cache; `cached`: the cache of an uncounted build before the rounds kept). Each build is
timed by the build benchmark's own stage timer (bench/build_setup.py). Prints medians of the
build process's CPU seconds by stage (bench_build.py's stage table, in CPU seconds) and by
generator step, beside the CPU seconds of the whole process tree: on a shared machine CPU
seconds are what compares. Also says whether both checkouts wrote the same files.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import re
import resource
import shutil
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from build_records import REPO, STAGES, Layout, exit_on_failure, stage_table
from build_runs import measured as measured_run
from build_setup import OUR_BUILD

CONFIGS = ("pelicanconf", "publishconf")
# Files that differ between any two builds of one checkout (times of the build, hashed names).
VARYING = ("manifest.json",)


def main(argv: Sequence[str] | None = None) -> None:
    """Write the settings, run the interleaved rounds, print the medians."""
    args = _arguments(argv)
    layout = Layout(args.site.resolve())
    site = json.loads(layout.path("site.json").read_text(encoding="utf-8"))["site"]
    trees = {"before": args.before.resolve(), "after": REPO}
    for label, tree in trees.items():
        _write_settings(layout, label, tree, args.config, site["content"], site["categories"])
    if args.kind == "cached":
        for label, tree in trees.items():
            _build(layout, tree, label, args.config, keep_cache=False)
    runs: dict[str, list[dict[str, float]]] = {label: [] for label in trees}
    for round_number in range(1, args.repeats + 1):
        for label, tree in trees.items():
            measured = _build(layout, tree, label, args.config, keep_cache=args.kind == "cached")
            runs[label].append(measured)
            print(
                f"  round {round_number}  {label:<6} build process {measured['build CPU']:.2f} "
                f"CPU s, all processes {measured['tree CPU']:.2f}",
                flush=True,
            )
    print(f"\n{args.kind} builds, {args.config}, {args.repeats} round(s), medians (CPU s):\n")
    print(_table(runs))
    print(f"\nsame files written: {_same_output(layout, args.config)}")


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the old checkout")
    parser.add_argument("--site", type=Path, required=True, help="a synthetic site's folder")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--config", choices=CONFIGS, default="pelicanconf")
    parser.add_argument("--kind", choices=("first", "cached"), default="first")
    args = parser.parse_args(argv)
    if not (args.before / "pelicanconf.py").is_file():
        parser.error(f"--before {args.before}: no pelicanconf.py there (a checkout of the repo?)")
    if not (args.site / "site.json").is_file():
        parser.error(f"--site {args.site}: no site.json there (made by bench/synthetic.py?)")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def _write_settings(
    layout: Layout, label: str, tree: Path, config: str, content: str, categories: Sequence[str]
) -> None:
    public = "SITEURL = FEED_DOMAIN = 'https://blog.seewerk.example'\n"
    layout.path(f"cpu_{label}_{config}.py").write_text(
        f'"""{config}.py of {tree} on the synthetic site (bench/bench_build_cpu.py)."""\n'
        f"import sys\nsys.path.insert(0, {str(tree)!r})\n"
        f"from {config} import *  # noqa: F403\n{public if config == 'publishconf' else ''}"
        f"PATH = {content!r}\n"
        f"OUTPUT_PATH = {str(layout.path(f'cpu-out-{label}-{config}'))!r}\n"
        f"CACHE_PATH = {str(layout.path(f'cpu-cache-{label}-{config}'))!r}\n"
        f"THEME = {str(tree / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(tree / 'plugins')!r}]\n"
        f"CHECKS_CATEGORIES = {list(categories)!r}\n"
        # This checkout's web editor files may be missing (no npm ci): the same in both.
        "WEB_EDITOR_ENABLED = False\n",
        encoding="utf-8",
    )


def _build(
    layout: Layout, tree: Path, label: str, config: str, keep_cache: bool
) -> dict[str, float]:
    folders = [f"cpu-out-{label}-{config}"]
    if not keep_cache:
        folders.append(f"cpu-cache-{label}-{config}")
    for folder in folders:
        shutil.rmtree(layout.path(folder), ignore_errors=True)
    report = layout.path("cpu-build.json")
    report.unlink(missing_ok=True)
    settings = str(layout.path(f"cpu_{label}_{config}.py"))
    output = str(layout.path(f"cpu-out-{label}-{config}"))
    command = [sys.executable, "-c", OUR_BUILD, str(tree), settings, output, str(report)]
    log = layout.path("cpu-build.log")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    _, _, code = measured_run([*command, json.dumps(STAGES)], layout.root, log)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    exit_on_failure(code, f"the build of {tree} with {config}", log)
    stages = json.loads(report.read_text(encoding="utf-8"))
    measured = {
        "tree CPU": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "build CPU": stages.get("build process CPU", 0.0),
    }
    measured |= stage_table(stages, cpu=True)
    measured |= {
        name.removesuffix(" CPU"): seconds
        for name, seconds in stages.items()
        if name.endswith((".generate_context CPU", ".generate_output CPU"))
    }
    return measured


def _table(runs: dict[str, list[dict[str, float]]]) -> str:
    every = (name for measured in runs.values() for run in measured for name in run)
    names = list(dict.fromkeys(every))
    lines = ["| CPU s of the build process (medians) | " + " | ".join(runs) + " |"]
    lines.append("|---|" + "---|" * len(runs))
    for name in names:
        cells = [
            f"{statistics.median(run.get(name, 0.0) for run in measured):.3f}"
            for measured in runs.values()
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _same_output(layout: Layout, config: str) -> str:
    """'yes', or the first files that differ, leaving out what differs between any two builds."""
    differing: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        if prefix.startswith("pagefind/"):
            return  # Pagefind's file names are hashes that differ between any two runs
        for name in compared.left_only + compared.right_only:
            differing.append(prefix + name)
        for name in compared.diff_files:
            if name.endswith(VARYING):
                continue
            texts = [
                _normalised(Path(folder, name), label)
                for folder, label in ((compared.left, "before"), (compared.right, "after"))
            ]
            if texts[0] != texts[1]:
                differing.append(prefix + name)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    before, after = (str(layout.path(f"cpu-out-{label}-{config}")) for label in ("before", "after"))
    walk(filecmp.dircmp(before, after, ignore=[]), "")
    return "yes" if not differing else f"no: {', '.join(sorted(differing)[:10])}"


def _normalised(path: Path, label: str) -> str:
    """A file's text without what differs between any two builds: its cache's folder, now."""
    text = path.read_text(encoding="utf-8", errors="replace").replace(f"cpu-cache-{label}-", "")
    if path.suffix == ".xml" and "<entry>" not in text:
        text = re.sub(r"<updated>[^<]*</updated>", "", text)  # an empty feed is dated now
    return text


if __name__ == "__main__":
    main()
