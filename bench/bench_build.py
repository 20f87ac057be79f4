"""Build benchmark: our build against plain Pelican on a synthetic site, and the editor's loop.

    uv run python bench/bench_build.py [--posts 1000] [--authors 100] [--photos/--no-photos]
        [--repeats 3] [--edits 5] [--site FOLDER] [--only first,plain,cached,...]
        [--skip-plain] [--skip-loop] [--profile] [--keep]

Generates a site with bench/synthetic.py into a new folder bench/.work/build-*/ (or once into --site
FOLDER, reused by later runs with the same spec), then runs, interleaved per round: our first build
(empty output, no caches), plain Pelican (default theme, PLUGINS = [], no cache), our rebuild with
nothing changed (all caches warm), our first build with publishconf.py when asked (`--only
first-publish`: every photo, cover copy and card made in the build), and our clean builds (empty
output) with all caches kept (the plugins' and Pelican's content cache, as an operator keeps
CACHE_PATH) and with the plugins' caches only, each with pelicanconf.py (the preview: drafts, the
editors' review page) and with publishconf.py. Each build is a fresh subprocess started by
build_launcher.py; wall time includes interpreter start; memory is the peak of the build's process
tree (the build process and its workers and Pagefind alive at once, sampled) beside the largest
single process's peak (os.wait4). Then the editor's loop: the preview server (devserver.server) on
the synthetic site, one post edited at a time, timed until the served page has the edit, until
/__reload tells the browser to reload it, and until the whole site is rebuilt; and plain Pelican's
`pelican -r` with its content cache on other posts. If the reload takes longer than the 1.5 s target
(or with --profile), a clean build and the rebuilds after one edit are profiled. The Markdown table
printed at the end goes into docs/benchmarks.md. Figures, not assertions: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from build_loop import ours_loop, plain_loop
from build_records import (
    CACHED,
    CACHED_ONE_WRITER,
    CACHED_PUBLISH,
    FIRST,
    FIRST_PUBLISH,
    LOOP_TARGET,
    NO_PELICAN_CACHE,
    NO_PELICAN_CACHE_PUBLISH,
    PLAIN,
    REPO,
    STAGES,
    UNCHANGED,
    WORK,
    Layout,
    Results,
    Run,
    median_of,
)
from build_runs import drop_content_cache, our_build, plain_build
from build_setup import PROFILE_BUILDS, probe_settings, write_settings
from build_table import markdown_table
from synthetic import SiteSpec, SyntheticSite, generate_site, reuse_or_generate


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the site, run the measurements, print the runs and a Markdown table."""
    args = _arguments(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    # A folder per call: two runs at once (a shared machine) must not share outputs.
    layout = Layout(Path(tempfile.mkdtemp(prefix="build-", dir=WORK)))
    spec = SiteSpec(args.posts, args.authors, args.photos, args.seed)
    started = time.perf_counter()
    if args.site:
        site, reused = reuse_or_generate(args.site.resolve(), spec, WORK / "photos")
    else:
        site, reused = generate_site(layout.root, spec, WORK / "photos"), False
    print(
        f"site: {len(site.posts)} posts ({site.words // len(site.posts)} words on average), "
        f"{len(site.authors)} authors, photos {'12 MP' if args.photos else 'none'}; "
        + ("reused" if reused else f"generated in {time.perf_counter() - started:.1f} s")
        + f" in {site.content}"
    )
    write_settings(layout, site)
    ours, plain = (
        probe_settings(layout.path("settings_ours.py")),
        probe_settings(layout.path("settings_plain.py")),
    )
    plugins = ours["PLUGINS"]
    print(f"our PLUGINS: {', '.join(plugins) or '(none)'}")
    results = Results()
    # The machine is shared: the load beside the run says how far its seconds can be trusted.
    load_before = os.getloadavg()[0]
    try:
        _compare(layout, args, results)
        if not args.skip_loop:
            ours_loop(layout, site, ours, args.edits, results)
            if not args.skip_plain:
                plain_loop(layout, site, plain, args.edits, results)
        loop = median_of([edit.reloaded for edit in results.ours_loop])
        if args.profile or (loop is not None and loop > LOOP_TARGET):
            results.profile = _profile_builds(layout, site, "fast_preview" in plugins)
            print("\nProfiles (cProfile, in one process, as the preview builds):")
            print(results.profile)
    finally:
        if args.keep:
            print(f"\nkept: {layout.root}")
        else:
            shutil.rmtree(layout.root, ignore_errors=True)
    results.notes.append(
        f"load average (1 min) before the builds {load_before:.1f}, after {os.getloadavg()[0]:.1f}"
    )
    print()
    print(markdown_table(results, args, plugins))
    for note in results.notes:
        print(f"- {note}")


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000, help="posts to generate")
    parser.add_argument(
        "--authors", "--profiles", dest="authors", type=int, default=100, help="author profiles"
    )
    parser.add_argument(
        "--photos",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="give every profile a 12-megapixel photo (default: yes)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="interleaved build rounds")
    parser.add_argument("--edits", type=int, default=5, help="edits in the editor's loop")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the synthetic site")
    parser.add_argument(
        "--site",
        type=Path,
        help="generate the site into this folder once and reuse it while the spec is the same",
    )
    parser.add_argument(
        "--only",
        type=_build_names,
        default=list(BUILDS),
        help=f"comma-separated builds to run (default all): {', '.join(BUILDS)}",
    )
    parser.add_argument("--skip-plain", action="store_true", help="no plain Pelican runs")
    parser.add_argument("--skip-loop", action="store_true", help="no editor's loop")
    parser.add_argument("--profile", action="store_true", help="profile the builds in any case")
    parser.add_argument("--keep", action="store_true", help="keep the site and outputs")
    args = parser.parse_args(argv)
    if args.posts < 10 or args.repeats < 1 or args.edits < 1:
        parser.error("--posts must be at least 10, --repeats and --edits at least 1")
    return args


def _build_names(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in BUILDS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown build {', '.join(unknown) or '(none given)'}; choose from {', '.join(BUILDS)}"
        )
    return names


def _compare(layout: Layout, args: argparse.Namespace, results: Results) -> None:
    """Interleaved rounds of the chosen builds, in the order of BUILDS."""
    wanted = {BUILDS[name] for name in args.only}
    if args.skip_plain:
        wanted.discard(PLAIN)
    print(
        f"\nBuilds, {args.repeats} interleaved rounds "
        "(wall time, peak of the process tree, largest process):"
    )
    for round_number in range(1, args.repeats + 1):
        publish_caches_warm = FIRST not in wanted and round_number > 1
        if FIRST_PUBLISH in wanted:
            # Before the preview's first build: that one empties the caches again for later rows.
            for path in ("out-publish", "cache-ours"):
                shutil.rmtree(layout.path(path), ignore_errors=True)
            _record(
                results,
                round_number,
                our_build(layout, FIRST_PUBLISH, "settings_publish.py", "out-publish"),
            )
        if FIRST in wanted or round_number == 1:
            for path in ("out-ours", "cache-ours"):
                shutil.rmtree(layout.path(path), ignore_errors=True)
            run = our_build(layout, FIRST)
            if FIRST in wanted:
                _record(results, round_number, run)
            else:
                print(f"  round 1  warm-up first build, not counted {run.seconds:6.2f} s")
        if PLAIN in wanted:
            shutil.rmtree(layout.path("out-plain"), ignore_errors=True)
            _record(results, round_number, plain_build(layout))
        if UNCHANGED in wanted:
            _record(results, round_number, our_build(layout, UNCHANGED))
        for kind, settings, output, drop in _CLEAN_BUILDS:
            if kind not in wanted:
                continue
            if settings == "settings_publish.py" and not publish_caches_warm:
                _warm_publish_caches(layout, round_number)
                publish_caches_warm = True
            shutil.rmtree(layout.path(output), ignore_errors=True)
            if drop:
                drop_content_cache(layout.path("cache-ours"))
            _record(results, round_number, our_build(layout, kind, settings, output))
    kept = sorted(entry.name for entry in layout.path("cache-ours").iterdir() if entry.is_dir())
    results.notes.append(f"plugin caches kept in the clean builds: {', '.join(kept) or 'none'}")


def _warm_publish_caches(layout: Layout, round_number: int) -> None:
    """An uncounted publish build: the social cards are drawn only there (the preview draws them
    on request), so the clean publish rows find them kept, as an operator's next publish does."""
    shutil.rmtree(layout.path("out-publish"), ignore_errors=True)
    run = our_build(layout, "warm-up publish build", "settings_publish.py", "out-publish")
    print(
        f"  round {round_number}  warm-up publish build (draws the cards), not counted "
        f"{run.seconds:6.2f} s"
    )


# The clean builds (an empty output folder), each after the one before it: kind, settings,
# output folder, whether Pelican's content cache is dropped first. The builds that keep it come
# first: they find the cache the preview builds before them wrote.
_CLEAN_BUILDS = (
    (CACHED, "settings_ours.py", "out-ours", False),
    (CACHED_PUBLISH, "settings_publish.py", "out-publish", False),
    (CACHED_ONE_WRITER, "settings_one_writer.py", "out-ours", False),
    (NO_PELICAN_CACHE, "settings_ours.py", "out-ours", True),
    (NO_PELICAN_CACHE_PUBLISH, "settings_publish.py", "out-publish", True),
)
# --only: the builds by their short names.
BUILDS = {
    "first": FIRST,
    "first-publish": FIRST_PUBLISH,
    "plain": PLAIN,
    "unchanged": UNCHANGED,
    "cached": CACHED,
    "cached-publish": CACHED_PUBLISH,
    "cached-one-writer": CACHED_ONE_WRITER,
    "no-pelican-cache": NO_PELICAN_CACHE,
    "no-pelican-cache-publish": NO_PELICAN_CACHE_PUBLISH,
}


def _record(results: Results, round_number: int, run: Run) -> None:
    results.runs.append(run)
    shown = {**dict.fromkeys(STAGES), "build process CPU": None, "other processes CPU": None}
    extra = "".join(
        f", {stage} {seconds:.2f} s" for stage, seconds in run.stages.items() if stage in shown
    )
    if run.problems:
        extra += f", {run.problems} problem(s) reported"
    print(
        f"  round {round_number}  {run.kind:<56} {run.seconds:6.2f} s  "
        f"{run.tree_peak_mib:5.0f} MiB ({run.max_rss_mib:.0f}), CPU {run.cpu_seconds:.2f} s{extra}"
    )


def _profile_builds(layout: Layout, site: SyntheticSite, quick: bool) -> str:
    """cProfile of a clean build and of the rebuilds after one edit, in one process."""
    report = WORK / "build-profile.txt"  # outside the run's folder: kept without --keep
    post = site.posts[len(site.posts) // 2].source
    original = post.read_bytes()
    output = layout.path("out-profile")
    shutil.rmtree(output, ignore_errors=True)
    drop_content_cache(layout.path("cache-ours"))
    command = [
        *(sys.executable, "-c", PROFILE_BUILDS, str(REPO), str(layout.path("settings_ours.py"))),
        *(str(output), str(post), str(report), "yes" if quick else "no"),
    ]
    try:
        subprocess.run(command, cwd=layout.root, check=True, capture_output=True)
    finally:
        post.write_bytes(original)
    print(f"(profile text: {report}; pstats files next to it)")
    return report.read_text(encoding="utf-8")


if __name__ == "__main__":
    main()
