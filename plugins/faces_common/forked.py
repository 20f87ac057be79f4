"""A step of the build run in a short-lived forked process, so its garbage leaves with it.

CPython's allocator keeps the arenas a step's temporary objects used, so a step that builds
many small records leaves the build process larger than before it ran, to the end of the
build. Run in a fork, the step's objects live and die in the child; the build process
receives only the step's (small) result and the child's log records, logged here as they
arrived once the child has succeeded. Where the system cannot fork, a thread runs, the fork
fails or the child fails, the step runs in this process instead, as it would have without
this module (so an error is raised and reported the usual way).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe
from typing import Any, TypeVar

from .child_logs import forward_to, log_here

Result = TypeVar("Result")

logger = logging.getLogger(__name__)


def run_forked(step: Callable[[], Result], name: str) -> Result:
    """The step's result, computed in a forked process where it can be, else here."""
    # Forking while another thread holds a lock would leave the child that lock, held forever.
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return step()
    outcome = _in_child(step)
    if outcome is None:
        logger.debug("%s: ran in the build process (the forked process did not finish)", name)
        return step()
    records, result = outcome
    for fields in records:
        log_here(fields)
    return result


def _in_child(step: Callable[[], Result]) -> tuple[list[dict[str, Any]], Result] | None:
    """The child's log records and result, or None if it could not run or failed."""
    sys.stdout.flush()
    sys.stderr.flush()
    receiving, sending = Pipe(duplex=False)
    # The collector walking every object in the child would copy every page it shares with
    # the build process; frozen objects are not walked.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        receiving.close()
        sending.close()
        return None
    if pid == 0:
        receiving.close()
        _child(step, sending)
    gc.unfreeze()
    sending.close()
    records: list[dict[str, Any]] = []
    result: tuple[list[dict[str, Any]], Result] | None = None
    try:
        while True:
            message = receiving.recv()
            if message[0] == "log":
                records.append(message[1])
            else:
                result = (records, message[1])
                break
    except EOFError:
        result = None
    finally:
        receiving.close()
        _, status = os.waitpid(pid, 0)
    return result if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else None


def _child(step: Callable[[], Any], connection: Connection) -> None:
    """In the forked process: run the step, send its result, end whatever happens."""
    code = 1
    try:
        forward_to(connection)
        connection.send(("done", step()))
        code = 0
    finally:
        # Ctrl-C or an error too: the child ends here, never in the build's own code (the
        # build process then runs the step itself and reports the error the usual way).
        os._exit(code)
