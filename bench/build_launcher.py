"""Run one build and report its memory (the largest process's peak, the whole tree's) and CPU.

    python bench/build_launcher.py REPORT.json COMMAND...

Linux carries a process's peak RSS across exec: a build started straight from the benchmark
(which made the photos and holds the site) would report the benchmark's peak, not its own. This
small launcher starts the build from a small process instead and writes REPORT.json with

- "largest_process_kib": the largest peak RSS of any single process of the build (the build
  process or one of its workers or Pagefind; os.wait4's ru_maxrss, exact);
- "tree_peak_kib": the largest sum of the proportional set size (PSS) of the build process and
  all its descendants alive at the same moment, sampled every SAMPLE_SECONDS from /proc. PSS
  shares a page among the processes that map it, so a page a forked worker shares with the build
  process counts once: the memory the build needs at once. For a single process (plain
  Pelican) it is close to its RSS. A peak shorter than the interval can be missed;
- "tree_rss_peak_kib": the same with RSS, shared pages counted in every process (an upper
  bound);
- "cpu_seconds": user and system CPU seconds of the build and all its descendants.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

SAMPLE_SECONDS = 0.2  # a sample reads /proc/*/stat of every process: ~3 ms for 100 of them
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_memory_kib(root: int) -> tuple[int, int]:
    """The summed PSS and RSS of root and every process descended from it, in KiB."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                # After the command name in parentheses: state, ppid, ... rss is field 24.
                fields = stat.read().rpartition(b")")[2].split()
        except OSError:
            continue  # ended between the listing and the read
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        resident[pid] = int(fields[21]) * PAGE_KIB
    tree = {root}
    grown = True
    while grown:
        added = {pid for pid, parent in parents.items() if parent in tree and pid not in tree}
        tree |= added
        grown = bool(added)
    rss = sum(resident.get(pid, 0) for pid in tree)
    return sum(_pss_kib(pid, resident.get(pid, 0)) for pid in tree), rss


def _pss_kib(pid: int, rss: int) -> int:
    """A process's proportional set size in KiB (its RSS if the kernel does not say)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass  # ended meanwhile, or a kernel without smaps_rollup
    return rss


def main(argv: list[str]) -> int:
    """Start the command, sample its tree until it ends, write the report, pass on its exit."""
    report, command = argv[0], argv[1:]
    process = subprocess.Popen(command)
    pss_peak = rss_peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        pss, rss = tree_memory_kib(process.pid)
        pss_peak, rss_peak = max(pss_peak, pss), max(rss_peak, rss)
        time.sleep(SAMPLE_SECONDS)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    peaks = {
        "largest_process_kib": usage.ru_maxrss,
        # A build too short for one sample: its tree's peak is its one process's.
        "tree_peak_kib": pss_peak or usage.ru_maxrss,
        "tree_rss_peak_kib": max(rss_peak, usage.ru_maxrss),
        # The CPU seconds of the build and all its descendants: on a shared machine, what a
        # build costs whatever else runs beside it.
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
    }
    with open(report, "w", encoding="utf-8") as out:
        json.dump(peaks, out)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
