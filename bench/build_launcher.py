"""Run one build and report its memory (the largest process's peak, the whole tree's) and CPU.

    python bench/build_launcher.py REPORT.json COMMAND...

Linux carries a process's peak RSS across exec: a build started straight from the benchmark
(which made the photos and holds the site) would report the benchmark's peak, not its own. This
small launcher starts the build from a small process instead and writes REPORT.json with

- "largest_process_kib": the largest peak RSS of any single process of the build (the build
  process or one of its workers or Pagefind; os.wait4's ru_maxrss, exact);
- "tree_peak_kib": the largest sum of the proportional set size (PSS) of the build process and
  all its descendants alive at the same moment, sampled every SAMPLE_SECONDS from /proc (the
  tree itself is looked up every TREE_EVERY samples: a child living shorter is missed). PSS
  shares a page among the processes that map it, so a page a forked worker shares with the build
  process counts once: the memory the build needs at once. For a single process (plain
  Pelican) it is close to its RSS. A peak shorter than the interval can be missed;
- "tree_rss_peak_kib": the same with RSS, shared pages counted in every process (an upper
  bound);
- "cpu_seconds": user and system CPU seconds of the build and all its descendants.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time

SAMPLE_SECONDS = 0.2
# Finding the tree reads /proc/*/stat of every process (~3 ms for 100 of them, on the shared
# 2 cores): done every fifth sample; the samples between read the known members only.
TREE_EVERY = 5


def descendants(root: int) -> set[int]:
    """root and every process descended from it."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                # After the command name in parentheses: state, then the parent's pid.
                parents[int(entry.name)] = int(stat.read().rpartition(b")")[2].split()[1])
        except OSError:
            continue  # ended between the listing and the read
    tree = {root}
    grown = True
    while grown:
        added = {pid for pid, parent in parents.items() if parent in tree and pid not in tree}
        tree |= added
        grown = bool(added)
    return tree


def memory_kib(pids: set[int]) -> tuple[int, int]:
    """The summed PSS and RSS of the processes, in KiB (those that ended count nothing)."""
    pss = rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
                for line in rollup:
                    if line.startswith(b"Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith(b"Pss:"):
                        pss += int(line.split()[1])
                        break  # Pss follows Rss
        except OSError:
            continue  # ended meanwhile
    return pss, rss


def main(argv: list[str]) -> int:
    """Start the command, sample its tree until it ends, write the report, pass on its exit."""
    report, command = argv[0], argv[1:]
    process = subprocess.Popen(command)
    pss_peak = rss_peak = 0
    tree = {process.pid}
    for sample in itertools.count():
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if sample % TREE_EVERY == 0:
            tree = descendants(process.pid)
        pss, rss = memory_kib(tree)
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
