"""How a forked process ended: its exit, its memory, its error in one line."""

from __future__ import annotations

import os
import signal


def exit_status(pid: int) -> tuple[str, int]:
    """How the process ended, in words, and its peak resident memory in KiB."""
    try:
        _, status, usage = os.wait4(pid, 0)
    except ChildProcessError:
        return "?", 0
    if os.WIFSIGNALED(status):
        how = f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    else:
        how = f"exit code {os.WEXITSTATUS(status)}"
    return how, usage.ru_maxrss


def describe(error: BaseException) -> str:
    """The error in one line, with the template line where Jinja names one."""
    place = ""
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".j2")):
            place = f" ({os.path.relpath(filename)}:{traceback.tb_lineno})"
        traceback = traceback.tb_next
    return f"{type(error).__name__}: {error}{place}"


def own_memory_kib() -> int:
    """This process's private memory (Linux's smaps), which it shares with no other process."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as smaps:
            fields = dict(line.split(":", 1) for line in smaps if ":" in line)
    except OSError:
        return 0
    return sum(int(fields.get(k, "0 kB").split()[0]) for k in ("Private_Clean", "Private_Dirty"))
