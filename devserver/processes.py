"""Ending a child process: politely first, by force when it does not listen."""

from __future__ import annotations

import subprocess
from typing import Any


def stop_process(process: subprocess.Popen[Any], grace_seconds: float) -> None:
    """Ask a running process to end, kill it after `grace_seconds`, and wait for it."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
