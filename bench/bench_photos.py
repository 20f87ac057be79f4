"""Benchmark the author photo pipeline against a straightforward Pillow script.

Usage: uv run python bench/bench_photos.py [--count 100] [--repeats 3] [--workers N]

Generates --count 12-megapixel JPEGs once into bench/.work/ (gitignored), then times, in
the same run and interleaved: (a) a straightforward one-process Pillow script, (b)
process_photos with an empty cache, (c) process_photos again with the warm cache. Each
measurement runs in a fresh process so that its peak memory is its own. Prints medians,
ratios and a markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import PIL
from PIL import Image, ImageFilter, ImageOps

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / ".work"
# Pelican finds the plugin through PLUGIN_PATHS = ["plugins"]; the benchmark does the same.
sys.path.insert(0, str(ROOT / "plugins"))

from author_profiles.photos import (  # noqa: E402
    DEFAULT_SETTINGS,
    PhotoJob,
    crop_box,
    process_photos,
)

PHOTO_SIZE = (4000, 3000)
VARIANTS = ("baseline", "cold", "warm")


def make_photos(count: int) -> list[Path]:
    """Generate (once) `count` photo-like 12-megapixel JPEGs and return their paths."""
    folder = WORK / f"photos-{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"photo-{index:03}.jpg" for index in range(count)]
    missing = [(index, path) for index, path in enumerate(paths) if not path.exists()]
    for done, (index, path) in enumerate(missing, 1):
        make_photo(index).save(path, quality=90, exif=camera_exif())
        if sys.stderr.isatty():
            print(f"\rgenerating photos {done}/{len(missing)}", end="", file=sys.stderr)
    if missing:
        print(f"\rgenerated {len(missing)} photos in {folder}", file=sys.stderr)
    return paths


def make_photo(index: int) -> Image.Image:
    """Smooth gradients (sky, skin, background) plus sensor-like noise: compresses like a photo."""
    rng = random.Random(index)
    small = (400, 300)
    channels = []
    for _ in range(3):
        gradient = Image.linear_gradient("L").resize(small).rotate(rng.uniform(0, 360))
        radial = Image.radial_gradient("L").resize(small)
        channels.append(Image.blend(gradient, radial, rng.uniform(0.2, 0.8)))
    base = Image.merge("RGB", channels).filter(ImageFilter.GaussianBlur(8))
    base = base.resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(PHOTO_SIZE, 24).convert("RGB")
    return Image.blend(base, noise, 0.12)


def camera_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "BenchCam"  # Make
    exif[0x0110] = "Model 12"  # Model
    exif[0x0112] = 1  # Orientation
    return exif


def straightforward(photos: list[Path], out_dir: Path) -> None:
    """What one would write first: full decode, crop, resize each size from the crop, save."""
    settings = DEFAULT_SETTINGS
    for number, path in enumerate(photos):
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened)
        square = image.crop(crop_box(image.width, image.height, None))
        for size in settings.sizes:
            resized = square.resize((size, size), Image.Resampling.LANCZOS)
            resized.save(out_dir / f"{number}-{size}.webp", quality=settings.webp_quality)
            resized.save(
                out_dir / f"{number}-{size}.jpg",
                quality=settings.jpeg_quality,
                progressive=True,
                optimize=True,
            )


def run_variant(variant: str, photos: list[Path], cache: Path, workers: int | None) -> None:
    """Run one measurement in this process and print it as JSON."""
    started = time.perf_counter()
    if variant == "baseline":
        with tempfile.TemporaryDirectory(dir=WORK) as out_dir:
            straightforward(photos, Path(out_dir))
    else:
        results = process_photos([PhotoJob(p) for p in photos], cache, workers, progress=False)
        failed = [r.error for r in results if r.error]
        if failed:
            raise SystemExit(f"photos failed: {failed[:3]}")
        if variant == "warm" and not all(r.cached for r in results):
            raise SystemExit("warm run processed photos again")
    seconds = time.perf_counter() - started
    # ru_maxrss is in KiB on Linux; for children it is the largest of the finished workers.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "own_mib": own, "workers_mib": children}))


def measure(variant: str, count: int, cache: Path, workers: int | None) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--variant",
        variant,
        "--count",
        str(count),
        "--cache",
        str(cache),
    ]
    if workers:
        command += ["--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="number of photos (default 100)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each variant (default 3)")
    parser.add_argument("--workers", type=int, default=None, help="pool size (default: cores)")
    parser.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        make_photos(args.count)
        return

    if args.variant:
        run_variant(args.variant, make_photos(args.count), args.cache, args.workers)
        return
    # Generated in a child: Linux carries a process's peak RSS over into the processes it
    # starts, and generating takes hundreds of MiB that would inflate every measurement.
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, __file__, "--generate", "--count", str(args.count)], check=True)

    runs: dict[str, list[dict[str, float]]] = {variant: [] for variant in VARIANTS}
    for repeat in range(1, args.repeats + 1):
        cache = Path(tempfile.mkdtemp(prefix="cache-", dir=WORK))
        try:
            # Interleaved, so that a noisy neighbour slows all three alike.
            for variant in VARIANTS:
                runs[variant].append(measure(variant, args.count, cache, args.workers))
                print(
                    f"run {repeat}/{args.repeats} {variant}: {runs[variant][-1]['seconds']:.2f} s",
                    file=sys.stderr,
                )
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    report(runs, args.count, args.repeats, args.workers)


def report(
    runs: dict[str, list[dict[str, float]]], count: int, repeats: int, workers: int | None
) -> None:
    def median(variant: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[variant])

    def ratios(numerator: str, denominator: str) -> tuple[float, float, float]:
        # Per repeat: the runs of one repeat ran back to back, so they share the machine's mood.
        values = [
            top["seconds"] / bottom["seconds"]
            for top, bottom in zip(runs[numerator], runs[denominator], strict=True)
        ]
        return statistics.median(values), min(values), max(values)

    speedup, speedup_low, speedup_high = ratios("baseline", "cold")
    warm, warm_low, warm_high = ratios("warm", "cold")
    pool = workers or (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    )
    labels = {
        "baseline": "(a) straightforward Pillow, one process, no draft",
        "cold": f"(b) process_photos, empty cache ({pool} workers)",
        "warm": "(c) process_photos, warm cache",
    }
    comparisons = {
        "baseline": "1.00x",
        "cold": f"{speedup:.2f}x faster than (a) ({speedup_low:.2f}-{speedup_high:.2f}; "
        "target >= 3x)",
        "warm": f"{warm:.1%} of (b) ({warm_low:.1%}-{warm_high:.1%}; target < 5%)",
    }
    print()
    print(
        f"{count} photos of {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} JPEG -> "
        f"{len(DEFAULT_SETTINGS.sizes)} sizes {DEFAULT_SETTINGS.sizes} x WebP + JPEG; "
        f"medians of {repeats} interleaved runs (ratios: median and range of the per-run "
        f"ratios); {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Pillow {PIL.__version__}"
    )
    print()
    print("| work | median | per photo | peak RSS: main / each worker | comparison |")
    print("|---|---|---|---|---|")
    for variant in VARIANTS:
        seconds = median(variant, "seconds")
        own = median(variant, "own_mib")
        worker = median(variant, "workers_mib")
        memory = f"{own:.0f} MiB" + (f" / {worker:.0f} MiB" if worker else "")
        print(
            f"| {labels[variant]} | {seconds:.2f} s | {seconds / count * 1000:.0f} ms | "
            f"{memory} | {comparisons[variant]} |"
        )


if __name__ == "__main__":
    main()
