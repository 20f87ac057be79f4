"""Post images in the preview: the build's check against a clean file made, and the first request.

    uv run python bench/bench_clean_on_request.py --images bench/.work/first-images/content/images
        [--repeats 3]

Takes every JPEG in --images (the synthetic site's covers: 1200 x 675). Each round, in fresh
processes and interleaved, with an empty image cache each time:
- "encode": what a publish build does to a new image (clean.encode_job, one process);
- "check": what a preview build with CLEAN_IMAGES_ON_REQUEST does (clean.order_job: the check at
  1/8 scale and the order written);
- "first request": the preview server's make_ordered_clean for every image the check ordered.
CPU seconds (user + system of the process) do not depend on what else runs on the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

VARIANTS = ("encode", "check", "first request")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _one(variant: str, folder: Path, cache: Path) -> float:
    """CPU seconds of one variant over every JPEG in folder, in this (fresh) process."""
    from clean_images.clean import CleanSettings, encode_job, order_job, plan_images
    from clean_images.clean_orders import make_ordered_clean

    settings = CleanSettings()
    sources = sorted(folder.glob("*.jpg"))
    plan = plan_images(sources, cache, settings, orders=True)
    job = encode_job if variant == "encode" else order_job
    started = _cpu()
    results = [job(source, plan.root, key, settings) for key, source in plan.missing.items()]
    if variant != "first request":
        return _cpu() - started
    started = _cpu()
    for result in results:
        assert result.clean is not None and make_ordered_clean(result.clean)
    return _cpu() - started


def main() -> None:
    """Run the interleaved rounds and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(_one(args.variant, args.images, args.cache)))
        return
    count = len(list(args.images.glob("*.jpg")))
    runs: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    for round_number in range(1, args.repeats + 1):
        for variant in VARIANTS:
            with tempfile.TemporaryDirectory() as cache:
                command = [sys.executable, __file__, "--images", str(args.images)]
                command += ["--variant", variant, "--cache", cache]
                done = subprocess.run(command, capture_output=True, text=True, check=True)
            runs[variant].append(json.loads(done.stdout))
            print(f"  round {round_number}  {variant:<14} {runs[variant][-1]:.2f} CPU s")
    print(f"\n{count} JPEGs in {args.images}\n")
    print("| step | CPU s, rounds | median | CPU ms per image |\n|---|---|---|---|")
    for variant, values in runs.items():
        median = statistics.median(values)
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"| {variant} | {shown} | {median:.2f} | {median / count * 1000:.1f} |")


if __name__ == "__main__":
    main()
