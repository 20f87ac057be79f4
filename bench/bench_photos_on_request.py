"""New photos in the preview: the build's check against a full render, and the first requests.

    uv run python bench/bench_photos_on_request.py [--count 100] [--repeats 3]

Uses the 12-MP JPEGs of bench/bench_photos.py (bench/.work/photos-4000x3000, made once). Each
round, in fresh processes and interleaved, with an empty photo cache each time:
- "render": what a publish build does to new photos (photos.process_photos, one process);
- "check": what a preview build with AUTHORS_PHOTOS_ON_REQUEST does (start_photos(on_request));
- "first request": the preview server's make_ordered_photo for one photo the check ordered;
- "wall": make_ordered_photo for every file of every photo at once, from 40 threads (Starlette's
  thread pool), as a people page with --count new faces asks for them on first view.
CPU seconds (user + system of the process) do not depend on what else runs on the machine; wall
seconds do. Prints medians and a markdown table.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "bench"))

VARIANTS = ("render", "check", "first request", "wall")
# Starlette runs sync work in anyio's default thread pool: 40 threads.
_SERVER_THREADS = 40


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(variant: str, photos: list[Path]) -> dict[str, float]:
    """Run one variant in this process (empty cache); its wall and CPU seconds."""
    from author_profiles.photo_orders import make_ordered_photo, write_orders
    from author_profiles.photos import PhotoJob, process_photos, start_photos
    from author_profiles.plugin import DEFAULTS
    from author_profiles.portraits import _portrait, photo_settings

    settings = photo_settings(DEFAULTS)
    jobs = [PhotoJob(path) for path in photos]
    with tempfile.TemporaryDirectory(prefix="photos-on-request-") as folder:
        cache, output = Path(folder) / "cache", Path(folder) / "output"
        if variant == "render":
            started, cpu = time.perf_counter(), _cpu()
            process_photos(jobs, cache, workers=1, progress=False, settings=settings)
            return {"wall": time.perf_counter() - started, "cpu": _cpu() - cpu}
        started, cpu = time.perf_counter(), _cpu()
        results = start_photos(jobs, cache, None, settings, on_request=True).wait()
        checked = {"wall": time.perf_counter() - started, "cpu": _cpu() - cpu}
        if variant == "check":
            return checked
        portraits = [
            _portrait(f"p{index:03}", result, {"AUTHORS_PHOTOS_PATH": "menschen/fotos"})
            for index, result in enumerate(results)
        ]
        write_orders(portraits, output)
        names = [name for portrait in portraits for _, name in portrait.files]
        started, cpu = time.perf_counter(), _cpu()
        if variant == "first request":
            assert make_ordered_photo(output, names[0])
        else:
            # The page asks for one size of each photo first (the srcset's pick), then the rest.
            order = names[2::8] + [n for i, n in enumerate(names) if i % 8 != 2]
            with ThreadPoolExecutor(_SERVER_THREADS) as pool:
                assert all(pool.map(lambda name: make_ordered_photo(output, name), order))
        return {"wall": time.perf_counter() - started, "cpu": _cpu() - cpu}


def _fresh(variant: str, count: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--one", variant, "--count", str(count)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    """Interleave the variants in fresh processes; print medians and a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--one", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    from bench_photos import make_photos

    photos = make_photos(args.count)
    if args.one:
        print(json.dumps(measure(args.one, photos)))
        return
    runs: dict[str, list[dict[str, float]]] = {variant: [] for variant in VARIANTS}
    for round_number in range(1, args.repeats + 1):
        for variant in VARIANTS:
            one = _fresh(variant, args.count)
            runs[variant].append(one)
            print(
                f"  round {round_number}  {variant:<14} wall {one['wall']:6.2f} s, "
                f"CPU {one['cpu']:6.2f} s",
                flush=True,
            )
    print(f"\n{args.count} new 12-MP photos, medians of {args.repeats} rounds")
    print("| step | wall s | CPU s | CPU ms per photo |")
    print("|---|---|---|---|")
    for variant, measured in runs.items():
        wall = statistics.median(m["wall"] for m in measured)
        cpu = statistics.median(m["cpu"] for m in measured)
        per = 1000 * cpu / (1 if variant == "first request" else args.count)
        print(f"| {variant} | {wall:.2f} | {cpu:.2f} | {per:.0f} |")


if __name__ == "__main__":
    main()
