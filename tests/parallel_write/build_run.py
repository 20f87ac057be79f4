"""Run one build of a tiny site in a fresh process and print how it went as JSON.

A fresh process, because the test process may run threads (servers of other tests), and a
build with threads running writes every page in one process.
"""

from __future__ import annotations

import json
import logging
import sys

from pelican.log import init

from devserver.build import build, plain_handler


def main(settings: str, output: str, processes: str) -> None:
    """Build, with parallel_write's debug lines shown, and print the outcome."""
    init(level=logging.WARNING, handler=plain_handler())
    logging.getLogger("parallel_write").setLevel(logging.DEBUG)
    # "auto": the setting left to its default (None), so the number of posts decides.
    chosen = None if processes == "auto" else int(processes)
    overrides = {"OUTPUT_PATH": output, "PARALLEL_WRITE_PROCESSES": chosen}
    result = build(settings, overrides)
    print(json.dumps({"failed": result.failed, "problems": result.problems}))


if __name__ == "__main__":
    main(*sys.argv[1:])
