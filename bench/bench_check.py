"""Check benchmark: `invoke check` on a synthetic site (target: under 2 s, 1,000 and 10,000 posts).

    uv run python bench/bench_check.py [--posts 1000] [--authors/--profiles 100] [--repeats 5]
        [--keep]

Generates the site with bench/synthetic.py (the corpus the build benchmark uses: about 620
words per post, 20% with a header image, links between posts, a poll in every 50th post) into
bench/.work/check/, then, interleaved per repeat, times in fresh processes:
`invoke check` as people run it (interpreter start, imports, settings, plugins, all checks)
with the check's memo warm (CACHE_PATH/editorial/check-findings-*.pickle from the run before),
the same with the memo removed first ("cold": every file and profile read; the build's image
cache in CACHE_PATH kept, as after a build), `python -c "import pelican"` (the floor every
Pelican tool pays), and, in this process, the checks alone (check_site, settings already
loaded, memo warm). Each fresh process is given as wall time and as its CPU time (user+sys,
from the kernel's accounting of the child), which a busy machine does not stretch. The
processes use Python's bytecode cache (kept in bench/.work/, warmed once), as on a laptop or in
CI; `invoke check` is also timed with PYTHONDONTWRITEBYTECODE=1, as some sandboxes run, where
every process compiles about 500 modules first. Prints medians and a Markdown table for
docs/benchmarks.md. Figures, not assertions: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / ".work" / "check"
TARGET = 2.0  # seconds for `invoke check` at 1,000 posts (issue 6) and 10,000 posts (issue 21)
CACHE = WORK / "cache"
MEMOS = CACHE / "editorial"  # check-findings-* and check-answer-*.pickle, per settings
sys.path[:0] = [str(REPO), str(REPO / "plugins"), str(REPO / "bench")]

from synthetic import CATEGORIES, SiteSpec, generate_site  # noqa: E402

from devserver.site_settings import settings_over  # noqa: E402


def write_settings(folder: Path) -> Path:
    """Settings for the synthetic site: the project's, with its content and categories."""
    settings = folder / "benchconf.py"
    text = settings_over(folder / "content", cache=CACHE, CHECKS_CATEGORIES=list(CATEGORIES))
    settings.write_text(text, encoding="utf-8")
    return settings


def timed_process(
    command: Sequence[str], cwd: Path, env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[str], float]:
    """Wall time of a fresh process, what it printed, and its CPU time (user + sys)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, completed, cpu


def environments() -> tuple[dict[str, str], dict[str, str]]:
    """With a bytecode cache of its own (outside the source tree), and without any."""
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(WORK / ".pycache")
    uncached = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    uncached["PYTHONDONTWRITEBYTECODE"] = "1"
    return cached, uncached


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the site, time the check, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--authors", "--profiles", dest="authors", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep bench/.work/check/")
    args = parser.parse_args(argv)

    site = generate_site(WORK, SiteSpec(args.posts, args.authors), quiet=True)
    settings = write_settings(WORK)
    check = [sys.executable, "-m", "invoke", "-r", str(REPO), "check", "--settings", str(settings)]
    floor = [sys.executable, "-c", "import pelican"]

    from editorial.checks import check_site
    from editorial.config import load_settings

    os.chdir(WORK)
    loaded = load_settings(str(settings))
    cached, uncached = environments()
    timed_process(check, WORK, cached)  # fills the bytecode cache and the memo
    names = ("check", "check_cpu", "cold", "cold_cpu", "uncached", "import", "alone")
    runs: dict[str, list[float]] = {name: [] for name in names}
    output = ""
    for _ in range(args.repeats):
        seconds, completed, cpu = timed_process(check, WORK, cached)
        runs["check"].append(seconds)
        runs["check_cpu"].append(cpu)
        output = completed.stdout
        # Every memo of the check: its findings and its kept answer (check-answer-*, since
        # session 9); removing only the findings left the answer, and "cold" read nothing.
        for memo in MEMOS.glob("check-*.pickle"):
            memo.unlink()
        seconds, _, cpu = timed_process(check, WORK, cached)
        runs["cold"].append(seconds)
        runs["cold_cpu"].append(cpu)
        runs["uncached"].append(timed_process(check, WORK, uncached)[0])
        runs["import"].append(timed_process(floor, WORK, cached)[0])
        started = time.perf_counter()
        result = check_site(loaded)
        runs["alone"].append(time.perf_counter() - started)

    posts, people = len(site.posts), len(site.authors)
    median = {name: statistics.median(values) for name, values in runs.items()}
    print(output.strip().splitlines()[-1] if output.strip() else "(no output)")
    print(f"problems found: {len(result.problems)} ({result.errors} errors)")
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {args.repeats}:")
    print()
    print(f"| work ({posts} posts, {people} profiles) | wall, median of {args.repeats} | CPU |")
    print("|---|---|---|")
    print(
        f"| `invoke check`, fresh process, memo warm | {median['check']:.2f} s "
        f"({median['check'] / TARGET:.2f}x the {TARGET:.0f} s target) | "
        f"{median['check_cpu']:.2f} s |"
    )
    print(
        f"| `invoke check`, memo cold (every file read) | {median['cold']:.2f} s | "
        f"{median['cold_cpu']:.2f} s |"
    )
    print(
        f"| memo warm, `PYTHONDONTWRITEBYTECODE=1` (no bytecode cache) | "
        f"{median['uncached']:.2f} s | |"
    )
    print(
        f'| `python -c "import pelican"`, the floor of Pelican tools | {median["import"]:.2f} s | |'
    )
    print(
        f"| the checks alone (`check_site`, settings loaded, memo warm) | {median['alone']:.2f} s "
        f"({median['alone'] / posts * 1000:.2f} ms per post) | |"
    )
    if not args.keep:
        os.chdir(REPO)
        shutil.rmtree(WORK)


if __name__ == "__main__":
    main()
