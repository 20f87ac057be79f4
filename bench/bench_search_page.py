"""What the search page loads for one query, with the index whole and in shards.

    uv run python bench/bench_search_page.py --posts 1000 --query Kette [--shard-pages 500]
        [--compare "Wanda Schmid" Lastenrad ...]

Takes the synthetic site bench/bench_search_index.py built (bench/.work/search-index-<posts>/),
copies its output twice, indexes one copy whole (one Pagefind run, the search page without
its list of shards) and the other in shards of at most --shard-pages pages, serves each, opens
the search page in Chromium, types the query and counts the requests and bytes until the
results are shown. With --compare, also asks each query of the list in both and prints how
many results each finds and how many of the first ten they share. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from build_records import REPO, WORK

sys.path[:0] = [str(REPO), str(REPO / "plugins")]

from site_search.pagefind_index import update_index  # noqa: E402
from site_search.plugin import DEFAULTS  # noqa: E402

from tests.servers import free_port, serve_static  # noqa: E402
from tests.tools import CHROMIUM  # noqa: E402

SHARDS_ATTRIBUTE = re.compile(r' data-shards="[^"]*"')


def main(argv: Sequence[str] | None = None) -> None:
    """Index both copies, load the search page of each and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--query", default="Kette")
    parser.add_argument("--shard-pages", type=int, default=DEFAULTS["SEARCH_SHARD_PAGES"])
    parser.add_argument("--compare", nargs="*", default=[], help="queries to compare")
    args = parser.parse_args(argv)
    built = WORK / f"search-index-{args.posts}" / "out-ours"
    if not (built / "index.html").is_file():
        sys.exit(f"{built} is missing: run bench/bench_search_index.py --posts {args.posts} first")
    rows = []
    answers: dict[str, list[tuple[str, list[str]]]] = {}
    with tempfile.TemporaryDirectory(prefix="search-page-", dir=WORK) as folder:
        for name, shard_pages in (("whole", 10**9), ("sharded", args.shard_pages)):
            output = Path(folder, name)
            shutil.copytree(built, output, ignore=shutil.ignore_patterns("pagefind"))
            settings = {
                **DEFAULTS,
                "OUTPUT_PATH": str(output),
                "CACHE_PATH": str(Path(folder, f"cache-{name}")),
                "DEFAULT_LANG": "de",
                "SEARCH_SHARD_PAGES": shard_pages,
            }
            run = update_index(settings)
            if run is None:
                sys.exit("the index stage failed")
            shards = len(run.shards) or 1
            search_page = output / "suche" / "index.html"
            html = SHARDS_ATTRIBUTE.sub("", search_page.read_text(encoding="utf-8"))
            if shards > 1:
                html = html.replace(
                    'pagefind/pagefind.js"',
                    'pagefind/pagefind.js" data-shards="/pagefind/shards.json"',
                )
            search_page.write_text(html, encoding="utf-8")
            rows.append((name, shards, *loaded(output, args.query)))
            answers[name] = asked(output, args.compare)
    print(f"query {args.query!r}, {args.posts} posts")
    print("| index | shards | requests | bytes | results shown |")
    print("|---|---|---|---|---|")
    for name, shards, requests, size, shown in rows:
        print(f"| {name} | {shards} | {requests} | {size / 1024:.0f} KiB | {shown} |")
    if args.compare:
        print("\n| query | whole | sharded | first ten shared | same order |")
        print("|---|---|---|---|---|")
        for (query, whole), (_, sharded) in zip(answers["whole"], answers["sharded"], strict=True):
            shared = len(set(whole[1:11]) & set(sharded[1:11]))
            same = "yes" if whole[1:11] == sharded[1:11] else "no"
            print(f"| {query} | {whole[0]} | {sharded[0]} | {shared} | {same} |")


def loaded(output: Path, query: str) -> tuple[int, int, str]:
    """Requests and bytes of the search page from opening to the results of `query`."""
    sizes: list[int] = []
    with serve_static(output, free_port()) as url, contextlib_browser() as browser:
        page = browser.new_page()
        page.on("requestfinished", lambda request: sizes.append(_size(request)))
        page.goto(f"{url}suche/")
        page.wait_for_selector("#search[data-state=ready]")
        page.fill("#search-query", query)
        page.press("#search-query", "Enter")
        page.wait_for_function(
            "q => document.querySelector('.search__status').textContent.includes(q)", arg=query
        )
        page.wait_for_load_state("networkidle")
        shown = page.locator(".search__status").text_content() or ""
        page.close()
    return len(sizes), sum(sizes), shown


def asked(output: Path, queries: list[str]) -> list[tuple[str, list[str]]]:
    """Each query's result line and the addresses of its first ten results."""
    answers = []
    with serve_static(output, free_port()) as url, contextlib_browser() as browser:
        page = browser.new_page()
        page.goto(f"{url}suche/")
        page.wait_for_selector("#search[data-state=ready]")
        for query in queries:
            page.fill("#search-query", query)
            page.press("#search-query", "Enter")
            page.wait_for_function(
                "q => document.querySelector('.search__status').textContent.includes(q)",
                arg=query,
            )
            line = (page.locator(".search__status").text_content() or "").split()[0]
            links = page.locator(".search-result__title a").evaluate_all(
                "links => links.slice(0, 10).map(a => a.pathname)"
            )
            answers.append((query, [line, *links]))
        page.close()
    return answers


@contextlib.contextmanager
def contextlib_browser() -> Iterator[Any]:
    """A headless Chromium, closed after the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield browser
        finally:
            browser.close()


def _size(request: Any) -> int:
    sizes = request.sizes()
    return int(sizes["responseBodySize"] + sizes["responseHeadersSize"])


if __name__ == "__main__":
    main()
