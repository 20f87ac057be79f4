"""stop_process: a child that ends on request, and one that ignores the request."""

from __future__ import annotations

import signal
import subprocess
import sys

from devserver.processes import stop_process

# Prints "ready" once its SIGTERM handling is in place, then waits to be stopped.
_CHILD = """
import signal, sys, time
if sys.argv[1] == "ignore":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("ready", flush=True)
time.sleep(120)
"""


def _started(mode: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD, mode], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def test_a_child_that_listens_ends_on_the_polite_request() -> None:
    process = _started("listen")
    stop_process(process, grace_seconds=30)
    assert process.returncode == -signal.SIGTERM


def test_a_child_that_ignores_the_request_is_killed_after_the_grace() -> None:
    process = _started("ignore")
    stop_process(process, grace_seconds=0.2)
    assert process.returncode == -signal.SIGKILL


def test_a_child_that_has_ended_is_left_as_it_ended() -> None:
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait()
    stop_process(process, grace_seconds=1)
    assert process.returncode == 3
