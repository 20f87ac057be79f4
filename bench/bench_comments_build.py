"""Build-time cost of comments: a synthetic site with and without approved comment threads.

    uv run python bench/bench_comments_build.py [--posts 1000] [--per-post 10] [--repeats 3]

Generates a site with bench/synthetic.py into bench/.work/comments-*/, writes --per-post
approved comments for every post into content/data/comments/ (a third of them replies, every
fifth reply by the post's author), then builds it with `invoke build --no-cache`, interleaved
per round: with the thread files and with the folder moved aside, after one build that is not
counted (it fills the plugin caches both variants share). Each build is a fresh
subprocess (wall time includes interpreter start). Prints the medians of wall and CPU time
(user + system of the build process) and their ratios; the target of issue 15 is under 1.10.
Figures, not assertions: the machine is shared, and CPU time moves less with the neighbours.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import SiteSpec, generate_site

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / ".work"
TARGET = 1.10


def write_threads(content: Path, per_post: int, seed: int = 15) -> int:
    """Write one thread file per post; return the number of comments written."""
    rng = random.Random(seed)
    folder = content / "data" / "comments"
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for number, source in enumerate(sorted((content / "posts").rglob("*.md"))):
        header = source.read_text(encoding="utf-8").split("\n\n", 1)[0]
        author = re.search(r"^Authors?: ([\w-]+)", header, re.M)
        thread = source.relative_to(content).with_suffix("").as_posix()
        comments: list[dict[str, object]] = []
        for index in range(per_post):
            top = [c["id"] for c in comments if c["parent"] is None]
            reply = bool(top) and index % 3 == 2
            by_author = reply and index % 5 == 0 and author is not None
            comments.append(
                {
                    "id": f"c-{number:06x}{index:06x}",
                    "parent": rng.choice(top) if reply else None,
                    "name": "" if by_author else f"Leserin {index}",
                    "profile": author[1] if by_author and author else None,
                    "text": f"Kommentar {index} mit *Betonung*.\n\nUnd https://example.org/{index}.",
                    "received": f"2026-01-{1 + index % 28:02d}T08:{index % 60:02d}:00Z",
                    "approved": f"2026-01-{1 + index % 28:02d}T09:{index % 60:02d}:00Z",
                }
            )
        document = {"version": 1, "thread": thread, "comments": comments}
        name = thread.replace("/", "--") + ".json"
        (folder / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        written += len(comments)
    return written


def build(root: Path) -> tuple[float, float]:
    """Build the site once in a fresh process; return its wall and CPU time in seconds."""
    output = root / "output"
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, "-m", "invoke", "-r", str(REPO), "build", "--no-cache"]
    command += ["--output", str(output), "--settings", str(root / "siteconf.py")]
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    if completed.returncode != 0:
        sys.exit(f"build failed:\n{completed.stdout[-2000:]}{completed.stderr[-2000:]}")
    return elapsed, cpu


def main() -> None:
    """Generate, build with and without comments, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--per-post", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="comments-", dir=WORK))
    site = generate_site(root, SiteSpec(posts=options.posts, authors=100), quiet=True)
    comments = write_threads(site.content, options.per_post)
    (root / "siteconf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(site.content)!r}\nTHEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\nCACHE_PATH = {str(root / '.cache')!r}\n"
        "LOAD_CONTENT_CACHE = False\nCHECKS_CATEGORIES = None\n",
        encoding="utf-8",
    )
    threads = site.content / "data" / "comments"
    aside = root / "comments-aside"
    with_comments: list[tuple[float, float]] = []
    without: list[tuple[float, float]] = []
    # Not counted: the first build of a site fills the plugin caches (photos, cards) that both
    # variants reuse, and would otherwise land on the first variant alone.
    build(root)
    for _ in range(options.repeats):
        with_comments.append(build(root))
        threads.rename(aside)
        without.append(build(root))
        aside.rename(threads)
        print(f"with {with_comments[-1]}, without {without[-1]} (wall, CPU s)", flush=True)
    header = f"| posts | comments | time | without (s) | with (s) | ratio (target < {TARGET}) |"
    print(header)
    print("|---|---|---|---|---|---|")
    # CPU time too: on a shared machine the wall time also measures the neighbours.
    for index, kind in enumerate(("wall", "CPU")):
        base = statistics.median(t[index] for t in without)
        cost = statistics.median(t[index] for t in with_comments)
        print(
            f"| {options.posts} | {comments} | {kind} | {base:.2f} | {cost:.2f} "
            f"| {cost / base:.3f} |"
        )
    if not options.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
