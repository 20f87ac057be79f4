"""The editor's loop alone: posts, profiles and a template edited in turn, medians per kind.

    uv run python bench/bench_loop.py --posts 1000 --authors 100 --edits 5
    uv run python bench/bench_loop.py --posts 10000 --authors 2000 --site bench/.work/site-10k

`--site` generates the synthetic site into that folder once and reuses it on later calls (a
10,000-post site takes minutes to write). Each edit is saved while the preview
(`devserver.server`, as `invoke livereload` runs it) serves the site; "page has the edit" polls
the page every 20 ms, "told to reload" is the /__reload message naming it, "reloaded" the
request after that message, "whole site" the preview's next `Built in` line.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from build_loop import ours_loop
from build_records import REPO, Edit, Layout, Results
from build_setup import probe_settings, write_settings
from synthetic import SiteSpec, SyntheticPost, SyntheticSite, generate_site

WORK = REPO / "bench" / ".work"
KINDS = ("post", "profile", "template")


def main(argv: Sequence[str] | None = None) -> None:
    """Generate (or reuse) the site, run the loop, print every edit and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts to generate")
    parser.add_argument("--authors", "--profiles", dest="authors", type=int, default=100)
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the synthetic site")
    parser.add_argument("--site", type=Path, help="folder to generate the site into once")
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="save the next edit while the full build of the last one still runs",
    )
    args = parser.parse_args(argv)
    if args.posts < 10 or args.edits < 1:
        parser.error("--posts must be at least 10 and --edits at least 1")
    WORK.mkdir(parents=True, exist_ok=True)
    root = args.site.resolve() if args.site else Path(tempfile.mkdtemp(prefix="loop-", dir=WORK))
    layout = Layout(root)
    if (root / "content" / "posts").is_dir():
        site = site_in(root / "content")
        print(f"site: {len(site.posts)} posts, {len(site.authors)} profiles, reused from {root}")
    else:
        site = generate_site(root, SiteSpec(args.posts, args.authors, False, args.seed))
        print(f"site: {len(site.posts)} posts, {len(site.authors)} profiles, written to {root}")
    write_settings(layout, site)
    settings = probe_settings(layout.path("settings_ours.py"))
    by_kind = ours_loop(
        layout, site, settings, args.edits, Results(), KINDS, wait_whole=not args.no_wait
    )
    print()
    print(loop_table(by_kind))


def site_in(content: Path) -> SyntheticSite:
    """The synthetic site already written into a content folder."""
    posts, categories = [], set()
    for source in sorted(content.glob("posts/*/*.md")):
        header = _header(source)
        categories.add(header["category"])
        posts.append(SyntheticPost(source, header["title"], int(source.parent.name), source.stem))
    authors = tuple(sorted(path.stem for path in content.glob("authors/*.md")))
    return SyntheticSite(content, tuple(sorted(categories)), authors, tuple(posts), 0)


def loop_table(by_kind: dict[str, list[Edit]]) -> str:
    """Medians per kind of edit and over all of them, as a Markdown table."""
    lines = [
        "| edit | saved → page has the edit | → told to reload | → reloaded page | "
        "→ whole site rebuilt |",
        "|---|---|---|---|---|",
    ]
    every = [edit for edits in by_kind.values() for edit in edits]
    for kind, edits in [*by_kind.items(), ("all", every)]:
        cells = [_median(edits, name) for name in ("page", "signal", "reloaded", "whole")]
        lines.append(f"| {kind} ({len(edits)}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _median(edits: Sequence[Edit], milestone: str) -> str:
    seen = [value for edit in edits if (value := getattr(edit, milestone)) is not None]
    if not seen:
        return "–"
    missed = len(edits) - len(seen)
    return f"{statistics.median(seen):.2f} s" + (f" ({missed} not seen)" if missed else "")


def _header(source: Path) -> dict[str, str]:
    fields: dict[str, Any] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return fields


if __name__ == "__main__":
    main()
