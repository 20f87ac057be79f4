"""Reading on one core against reading on two (parallel_read), interleaved, on a synthetic site.

    uv run python bench/bench_parallel_read.py --site bench/.work/site-1k [--repeats 3]
        [--kind clean|first]

The site is one bench/bench_build.py made with --keep, or bench/synthetic.py with --out. Each
round builds it with pelicanconf.py twice, PARALLEL_READ_PROCESSES = 1 and None, each a fresh
subprocess with an empty output, timed by the build benchmark's stage timer: `clean` drops
Pelican's content cache before each build and keeps the plugins' caches (photos, cards), which
one untimed build per variant fills first; `first` empties every cache. Prints per build the
whole build's wall seconds, the build process's read stage (the article and page generators'
generate_context) in wall and CPU seconds, the CPU seconds of the build and of the other
processes (the forked reader is one of them) and the peak memory of the build's process tree;
then the medians, and whether both variants wrote the same bytes. Figures, not assertions: the
machine is shared.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from build_records import READ, REPO, STAGES, exit_on_failure
from build_runs import measured
from build_setup import OUR_BUILD
from synthetic import CATEGORIES

VARIANTS = {"one process": 1, "two processes": None}
# Pelican's content cache: one file per generator in CACHE_PATH.
PELICAN_CACHE = ("ArticlesGenerator-Readers", "PagesGenerator-Readers")


def main(argv: Sequence[str] | None = None) -> None:
    """Write the settings, run the interleaved rounds, print the medians."""
    args = _arguments(argv)
    site = args.site.resolve()
    posts = len(list((site / "content" / "posts").rglob("*.md")))
    for label, processes in VARIANTS.items():
        _write_settings(site, label, processes, list(CATEGORIES))
        shutil.rmtree(_folder(site, "cache", label), ignore_errors=True)
        if args.kind == "clean":
            _build(site, label, args.kind)  # fills the plugins' caches, not timed
    runs: dict[str, list[dict[str, float]]] = {}
    print(f"Site: {site} ({posts} posts), {args.kind} builds")
    for round_number in range(1, args.repeats + 1):
        for label in VARIANTS:
            figures = _build(site, label, args.kind)
            runs.setdefault(label, []).append(figures)
            print(f"  round {round_number}  {label:<14} " + _line(figures))
        same = _files(site, "one process") == _files(site, "two processes")
        print(f"  round {round_number}  same bytes written: {same}")
    print("\n| reading (medians) | " + " | ".join(runs["one process"][0]) + " |")
    print("|---|" + "---|" * len(runs["one process"][0]))
    for label, builds in runs.items():
        cells = [f"{statistics.median(b[key] for b in builds):.2f}" for key in builds[0]]
        print(f"| {label} | " + " | ".join(cells) + " |")


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a site kept by bench_build")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--kind", choices=("clean", "first"), default="clean")
    args = parser.parse_args(argv)
    if not (args.site / "content" / "posts").is_dir():
        parser.error(f"--site {args.site}: no content/posts there (a site of synthetic.py?)")
    return args


def _folder(site: Path, kind: str, label: str) -> Path:
    return site / f"{kind}-read-{label.split()[0]}"


def _write_settings(site: Path, label: str, processes: int | None, categories: list[str]) -> None:
    (site / f"settings_read_{label.split()[0]}.py").write_text(
        '"""pelicanconf.py on the synthetic site (bench/bench_parallel_read.py)."""\n'
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"PATH = {str(site / 'content')!r}\n"
        f"OUTPUT_PATH = {str(_folder(site, 'out', label))!r}\n"
        f"CACHE_PATH = {str(_folder(site, 'cache', label))!r}\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"CHECKS_CATEGORIES = {categories!r}\n"
        # Decap CMS is not installed on every machine; its page has nothing to do with reading.
        "WEB_EDITOR_ENABLED = False\n"
        f"PARALLEL_READ_PROCESSES = {processes!r}\n",
        encoding="utf-8",
    )


def _build(site: Path, label: str, kind: str) -> dict[str, float]:
    output, cache = _folder(site, "out", label), _folder(site, "cache", label)
    shutil.rmtree(output, ignore_errors=True)
    if kind == "first":
        shutil.rmtree(cache, ignore_errors=True)
    for name in PELICAN_CACHE:
        (cache / name).unlink(missing_ok=True)
    report = site / "read-build.json"
    report.unlink(missing_ok=True)
    settings = site / f"settings_read_{label.split()[0]}.py"
    command = [sys.executable, "-c", OUR_BUILD, str(REPO), str(settings), str(output), str(report)]
    log = site / "read-build.log"
    seconds, peaks, code = measured([*command, json.dumps(STAGES)], site, log)
    exit_on_failure(code, f"the {kind} build ({label})", log)
    stages = json.loads(report.read_text(encoding="utf-8"))
    return {
        "build wall s": seconds,
        "read wall s": sum(stages.get(name, 0.0) for name in READ),
        "read CPU s (build process)": sum(stages.get(f"{name} CPU", 0.0) for name in READ),
        "build process CPU s": stages.get("build process CPU", 0.0),
        "other processes CPU s": stages.get("other processes CPU", 0.0),
        # As bench_build.py counts it: the process tree's summed PSS at its largest.
        "peak MiB": peaks.get("tree_peak_kib", 0.0) / 1024,
        "build process RSS after reading MiB": stages.get("RSS after reading MiB", 0.0),
        "build process peak MiB": stages.get("build process peak MiB", 0.0),
    }


def _files(site: Path, label: str) -> dict[str, bytes]:
    # Not compared: what carries the time of the build (the backend manifests, the <updated>
    # of a feed without entries) and Pagefind's index, whose file names vary from run to run.
    # The cache folder (each variant has its own) is named in the lists of images on request.
    output, cache = _folder(site, "out", label), str(_folder(site, "cache", label)).encode()
    return {
        str(path.relative_to(output)): _timeless(path).replace(cache, b"<cache>")
        for path in sorted(output.rglob("*"))
        if path.is_file() and path.name != "manifest.json" and "pagefind" not in path.parts
    }


def _timeless(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".xml" and b"<entry>" not in data:
        return re.sub(rb"<updated>[^<]*</updated>", b"", data)
    return data


def _line(figures: dict[str, float]) -> str:
    return ", ".join(f"{key} {value:.2f}" for key, value in figures.items())


if __name__ == "__main__":
    main()
