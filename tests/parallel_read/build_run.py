"""Run one build of a tiny site in a fresh process and print how it went as JSON.

A fresh process, because the test process may run threads (servers of other tests), and a
build with threads running reads every file in one process.
"""

from __future__ import annotations

import json
import logging
import sys

from pelican.log import init

from devserver.build import build, plain_handler


def main(settings: str, output: str, processes: str) -> None:
    """Build, with parallel_read's debug lines shown, and print the outcome."""
    init(level=logging.WARNING, handler=plain_handler())
    logging.getLogger("parallel_read").setLevel(logging.DEBUG)
    overrides = {"OUTPUT_PATH": output, "PARALLEL_READ_PROCESSES": int(processes)}
    result = build(settings, overrides)
    print(json.dumps({"failed": result.failed, "problems": result.problems}))


if __name__ == "__main__":
    main(*sys.argv[1:])
