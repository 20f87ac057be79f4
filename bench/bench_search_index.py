"""The search index stage of two versions of the plugin on one built site, interleaved.

    uv run python bench/bench_search_index.py --posts 1000 --against REV [--rounds 3]

Generates the synthetic site of bench/synthetic.py (--posts posts, --authors profiles, no
photos) once into bench/.work/search-index-<posts>/ and builds it with pelicanconf.py and
SEARCH_INDEX = False; later runs reuse it. Then, for --rounds rounds, runs the index stage
(`site_search.pagefind_index.write_index`) of the plugins in this working tree and of those at
git revision REV, one after the other, each in a process of its own, in two cases:
- "clean build, cache kept": the index folder is removed from the output (a clean build
  empties it; Pelican writes the same pages again), the plugin's cache folder is kept;
- "index written": the index folder and the plugin's cache folder are removed (a first build,
  or one whose indexed pages changed);
- "one post changed": the cache is kept and one indexed post's bytes change (an edit): the one
  index is written again, a sharded one only in the shard of that post.
Prints wall and CPU seconds (the stage's own process and Pagefind's) and the peak resident
memory of each, medians of the rounds. Figures, not assertions: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from build_records import REPO, WORK, Layout
from build_setup import write_settings
from synthetic import SiteSpec, generate_site

CASES = ("clean build, cache kept", "index written", "one post changed")
MEASURE = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from site_search.pagefind_index import write_index
from site_search.plugin import DEFAULTS
settings = {**DEFAULTS, "OUTPUT_PATH": sys.argv[2], "CACHE_PATH": sys.argv[3], "DEFAULT_LANG": "de"}
wall, cpu = time.perf_counter(), time.process_time()
if write_index(settings) is None:
    sys.exit("the index stage failed")
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "wall": wall, "cpu": cpu, "pagefind_cpu": children.ru_utime + children.ru_stime,
    "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "pagefind_rss": children.ru_maxrss / 1024,
}))
"""


def main(argv: Sequence[str] | None = None) -> None:
    """Measure both versions in every case and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--authors", type=int, default=100)
    parser.add_argument("--against", required=True, help="git revision to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    output = built_site(args.posts, args.authors)
    with tempfile.TemporaryDirectory(prefix="search-index-", dir=WORK) as folder:
        trees = {"this tree": REPO / "plugins", args.against: exported(args.against, folder)}
        caches = {name: Path(folder, f"cache-{number}") for number, name in enumerate(trees)}
        figures: dict[tuple[str, str], list[dict[str, float]]] = {}
        for name, plugins in trees.items():  # warm: each version keeps an index of its own
            # Removed first: an index written over another's files in place (Pagefind of the
            # older version into the same output) would spoil the hard-linked kept one.
            shutil.rmtree(output / "pagefind", ignore_errors=True)
            measured(plugins, output, caches[name])
        edited = next(output.glob("20*/*/index.html"))
        original = edited.read_bytes()
        try:
            for round_number in range(args.rounds):
                for case in CASES:
                    for name, plugins in trees.items():
                        shutil.rmtree(output / "pagefind", ignore_errors=True)
                        if case == "index written":
                            shutil.rmtree(caches[name], ignore_errors=True)
                        if case == "one post changed":
                            edit = f"\n<!-- edit {round_number} {name} -->\n".encode()
                            edited.write_bytes(original + edit)
                        figures.setdefault((case, name), []).append(
                            measured(plugins, output, caches[name])
                        )
        finally:
            edited.write_bytes(original)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(table(figures, args.rounds))


def built_site(posts: int, authors: int) -> Path:
    """The output folder of the synthetic site, built without the index (made once)."""
    layout = Layout(WORK / f"search-index-{posts}")
    output = layout.path("out-ours")
    if not (output / "index.html").is_file():
        from devserver.build import build

        WORK.mkdir(parents=True, exist_ok=True)
        site = generate_site(layout.root, SiteSpec(posts, authors, False), quiet=True)
        write_settings(layout, site)
        if build(str(layout.path("settings_ours.py")), {"SEARCH_INDEX": False}).failed:
            sys.exit("the synthetic site did not build")
    return output


def exported(revision: str, folder: str) -> Path:
    """The plugins folder as it was at the git revision."""
    archive = Path(folder, "plugins.tar")
    subprocess.run(
        ["git", "-C", str(REPO), "archive", "-o", str(archive), revision, "plugins"], check=True
    )
    with tarfile.open(archive) as tar:
        tar.extractall(Path(folder, "before"), filter="data")
    return Path(folder, "before", "plugins")


def measured(plugins: Path, output: Path, cache: Path) -> dict[str, float]:
    """Run one version's index stage in a fresh process; its figures."""
    completed = subprocess.run(
        [sys.executable, "-c", MEASURE, str(plugins), str(output), str(cache)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(completed.stdout.splitlines()[-1]))


def table(figures: dict[tuple[str, str], list[dict[str, float]]], rounds: int) -> str:
    """The medians as a Markdown table."""
    lines = [
        f"| case | plugins | wall s | CPU s (stage) | CPU s (Pagefind) | peak MiB (stage) "
        f"| peak MiB (Pagefind) |  (medians of {rounds})",
        "|---|---|---|---|---|---|---|",
    ]
    for (case, name), runs in figures.items():

        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(run[key] for run in runs)

        walls = sorted(run["wall"] for run in runs)
        lines.append(
            f"| {case} | {name} | {median('wall'):.2f} ({walls[0]:.2f}–{walls[-1]:.2f}) "
            f"| {median('cpu'):.2f} | {median('pagefind_cpu'):.2f} | {median('rss'):.0f} "
            f"| {median('pagefind_rss'):.0f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path[:0] = [str(REPO), str(REPO / "plugins")]
    main()
