"""Run `invoke` with the clock set to a fixed instant, so a build's date-dependent pages repeat.

Usage: python -m tests.golden.frozen_clock 2026-11-25T12:00:00+01:00 publish --output DIR
"""

from __future__ import annotations

import runpy
import sys

import time_machine


def main(argv: list[str]) -> None:
    """Set the clock to argv[0], then run invoke with the remaining arguments."""
    instant, *invoke_arguments = argv
    sys.argv = ["invoke", *invoke_arguments]
    # tick=True lets the clock run on from the instant: Pelican and the plugins measure durations
    # and join threads with timeouts, which a stopped clock would break.
    with time_machine.travel(instant, tick=True):
        runpy.run_module("invoke", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
