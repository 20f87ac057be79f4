"""One build in this process; the build process's RSS after each generator's steps.

    uv run python bench/build_memory.py SETTINGS OUTPUT        # our build, as `invoke build`
    uv run python bench/build_memory.py --plain SETTINGS OUTPUT  # plain Pelican (`pelican -s`)

Prints one line per step: the RSS and the peak so far (VmRSS, VmHWM of /proc/self/status), so
that the stage where the memory grows can be seen (docs/benchmarks.md, session 8). A forked
writer (parallel_write) shares the signals: only the build process's own lines are printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "plugins")]


def resident() -> tuple[float, float]:
    """The process's RSS and peak RSS now, MiB."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) / 1024
    return found["VmRSS"], found["VmHWM"]


def main(argv: list[str] | None = None) -> int:
    """Run the build and print the RSS after each step; the build's exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plain", action="store_true", help="run plain Pelican instead")
    parser.add_argument("settings", type=Path, help="the settings file")
    parser.add_argument("output", type=Path, help="the output folder")
    args = parser.parse_args(argv)
    if not args.settings.is_file():
        print(f"{args.settings}: no such settings file", file=sys.stderr)
        return 2
    from pelican import signals

    build_pid = os.getpid()

    def mark(step: str) -> None:
        if os.getpid() == build_pid:
            rss, peak = resident()
            print(f"{step:55s} RSS {rss:7.0f} MiB  peak {peak:7.0f} MiB", flush=True)

    def timed(step: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def run(*positional: Any, **named: Any) -> Any:
            try:
                return original(*positional, **named)
            finally:
                mark(f"after {step}")

        return run

    def watch(generator: Any) -> None:
        kind = type(generator).__name__
        for step in ("generate_context", "generate_output"):
            if hasattr(generator, step):  # not every plugin's generator has both steps
                setattr(generator, step, timed(f"{kind}.{step}", getattr(generator, step)))

    signals.generator_init.connect(watch)
    signals.initialized.connect(lambda pelican: mark("settings and plugins loaded"), weak=False)
    mark("start")
    if args.plain:
        from pelican import main as pelican_main

        pelican_main(["-s", str(args.settings), "-o", str(args.output), "-q"])
        code = 0
    else:
        from devserver.commands import build_site

        code = build_site(
            str(args.settings),
            strict=False,
            debug=False,
            overrides={"OUTPUT_PATH": str(args.output)},
        )
    mark("build returned")
    return code


if __name__ == "__main__":
    sys.exit(main())
