"""Search benchmark: the Pagefind index of a synthetic site, and related posts at scale.

    uv run python bench/bench_search.py [--posts 1000] [--related-posts 10000] [--repeats 3]

1. Generates a site of --posts posts with bench/synthetic.py, builds it once with pelicanconf.py
   (SEARCH_INDEX off), then runs the index stage itself (site_search's write_index, the Pagefind
   binary from PyPI) --repeats times on the output: seconds per run, files and bytes of the
   index, and the bytes a reader's browser fetches for the index of one query are printed.
2. Makes --related-posts real Pelican posts with the tags, authors, categories and dates that
   bench/synthetic.py gives its posts (only these count for relatedness) and times the index:
   building it, then "Zum gleichen Thema" (3) and "Mehr von" (3) for every post, as the build
   does.
Figures, not assertions: the machine is shared. The Markdown lines at the end go into
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from build_records import REPO, WORK, Layout
from build_setup import write_settings
from synthetic import SiteSpec, generate_site

sys.path[:0] = [str(REPO), str(REPO / "plugins")]


def main(argv: Sequence[str] | None = None) -> None:
    """Run both parts and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--related-posts", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    lines = [*index_figures(args.posts, args.repeats), related_figures(args.related_posts)]
    print("\n".join(lines))


def index_figures(posts: int, repeats: int) -> list[str]:
    """Build a synthetic site and time the index stage on its output."""
    from site_search.pagefind_index import write_index

    from devserver.build import build

    layout = Layout(Path(tempfile.mkdtemp(prefix="search-", dir=WORK)))
    site = generate_site(layout.root, SiteSpec(posts, 100, False), quiet=True)
    write_settings(layout, site)
    result = build(str(layout.path("settings_ours.py")), {"SEARCH_INDEX": False})
    if result.failed:
        sys.exit("the synthetic site did not build")
    from pelican.settings import read_settings

    settings = read_settings(str(layout.path("settings_ours.py")))
    settings.update(
        SEARCH_INDEX_FOLDER="pagefind", SEARCH_LANGUAGE=None, MESSAGES_LANG="en", SEARCH_INDEX=True
    )
    # The one index, as the figures below read it; bench_search_index.py and
    # bench_search_page.py measure the index in shards (SEARCH_SHARD_PAGES).
    settings["SEARCH_SHARD_PAGES"] = 10 * posts + 1000
    seconds, cpu = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        took = write_index(settings)
        if took is None:
            sys.exit("Pagefind failed")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds.append(took)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    index = Path(settings["OUTPUT_PATH"]) / "pagefind"
    files = [p for p in index.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    # One query: the script, the WebAssembly, the entry and metadata, one index chunk and the
    # first ten fragments (Pagefind loads only what a query needs).
    needed = [index / "pagefind.js", index / "pagefind-entry.json"]
    needed += sorted(index.glob("wasm.de.pagefind")) + sorted(index.glob("*.pf_meta"))
    needed += sorted((index / "index").glob("*.pf_index"))[:1]
    needed += sorted((index / "fragment").glob("*.pf_fragment"))[:10]
    query = sum(p.stat().st_size for p in needed if p.exists())
    pages = len(list((index / "fragment").glob("*.pf_fragment")))
    median = statistics.median(seconds)
    runs = ", ".join(f"{s:.2f}" for s in seconds)
    print(f"index: {pages} pages indexed, runs {runs} s, CPU {', '.join(f'{c:.2f}' for c in cpu)}")
    return [
        f"| search index stage, {posts} posts ({pages} pages), median of {repeats} "
        f"| {median:.2f} s (CPU {statistics.median(cpu):.2f} s) "
        f"| Pagefind {index_version(index)} |",
        f"| search index size | {total / 2**20:.1f} MiB in {len(files)} files | |",
        f"| fetched by the browser for one query (scripts, WebAssembly, one index chunk, "
        f"ten results) | {query / 2**10:.0f} KiB | |",
    ]


def index_version(index: Path) -> str:
    """Pagefind's version, from the index it wrote."""
    import json

    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    return str(entry.get("version", "?"))


def related_figures(count: int) -> str:
    """Time the related-post index over `count` synthetic posts (real Pelican posts)."""
    from site_search import build_index

    posts = synthetic_posts(count)
    # Pelican has made every tag's, author's and category's slug before the plugin runs (they
    # key its own groupings); made here too, so that only the plugin's work is timed.
    for post in posts:
        [tag.slug for tag in post.tags] + [a.slug for a in post.authors] + [post.category.slug]
    started, cpu = time.perf_counter(), time.process_time()
    index = build_index(posts)
    built = time.perf_counter() - started
    for post in posts:
        related = index.related(post, 3)
        shown = list(related)
        for author in post.authors:
            shown += index.more_by(post, author.slug, 3, shown)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"related: {count} posts, index {built:.2f} s, all lists {total:.2f} s, CPU {cpu:.2f} s")
    return (
        f'| related posts and "more by" for every post, {count} posts '
        f"| {total:.2f} s ({total / count * 1e6:.0f} µs a post; CPU {cpu:.2f} s) "
        f"| index built in {built:.2f} s |"
    )


def synthetic_posts(count: int, seed: int = 2026) -> list[Any]:
    """Posts with the headers bench/synthetic.py writes (tags, authors, category, date), in
    memory: related posts read nothing else, and writing 10,000 files would only add noise."""
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Author, Category, Tag
    from synthetic import CATEGORIES, DAYS, FIRST_DAY
    from synthetic_people import invent_people
    from synthetic_words import TAGS

    rng = random.Random(seed)
    handles = [handle for handle, _ in invent_people(rng, 150)]
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(handles))]
    posts = []
    for number in range(count):
        chosen = rng.choices(handles, weights, k=2 if rng.random() < 0.1 else 1)
        people = [Author(h, DEFAULT_CONFIG) for h in dict.fromkeys(chosen)]
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        posts.append(
            Article(
                "",
                metadata={
                    "title": f"Beitrag {number}",
                    "slug": f"beitrag-{number}",
                    "date": dt.datetime.combine(day, dt.time(9)),
                    "tags": [Tag(t, DEFAULT_CONFIG) for t in rng.sample(TAGS, rng.randrange(2, 5))],
                    "authors": people,
                    "author": people[0],
                    "category": Category(rng.choice(CATEGORIES), DEFAULT_CONFIG),
                },
                settings=DEFAULT_CONFIG,
            )
        )
    return posts


if __name__ == "__main__":
    main()
