"""One measured build of the benchmark: run through build_launcher.py, read back as a Run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from build_records import PLAIN, REPO, STAGES, Layout, Run, exit_on_failure
from build_setup import OUR_BUILD


def drop_content_cache(cache: Path) -> list[str]:
    """Remove Pelican's own cache files; keep the plugins' cache folders and name them."""
    kept = []
    if cache.is_dir():
        for entry in sorted(cache.iterdir()):
            if entry.is_file():
                entry.unlink()
            else:
                kept.append(entry.name)
    return kept


def our_build(
    layout: Layout, kind: str, settings: str = "settings_ours.py", output: str = "out-ours"
) -> Run:
    """Our build in its own process through the launcher; its record, stages and problems."""
    report = layout.path("our-build.json")
    report.unlink(missing_ok=True)
    log = layout.path("our-build.log")
    command = [
        sys.executable,
        "-c",
        OUR_BUILD,
        str(REPO),
        str(layout.path(settings)),
        str(layout.path(output)),
        str(report),
        json.dumps(STAGES),
    ]
    seconds, peaks, code = measured(command, layout.root, log)
    exit_on_failure(code, "our build", log)
    text = log.read_text(encoding="utf-8", errors="replace")
    found = re.search(r"with (\d+) problem", text)
    problems = int(found.group(1)) if found else 0
    stages = json.loads(report.read_text(encoding="utf-8"))
    return run_record(kind, seconds, peaks, stages, problems)


def plain_build(layout: Layout) -> Run:
    """Plain Pelican's build in its own process through the launcher; its record."""
    log = layout.path("plain-build.log")
    command = [sys.executable, "-m", "pelican", "-s", str(layout.path("settings_plain.py"))]
    seconds, peaks, code = measured(command, layout.root, log)
    exit_on_failure(code, "plain Pelican", log)
    return run_record(PLAIN, seconds, peaks)


def run_record(
    kind: str,
    seconds: float,
    peaks: dict[str, float],
    stages: dict[str, float] | None = None,
    problems: int | None = None,
) -> Run:
    """A measured build's record from build_launcher.py's report (peaks in KiB)."""
    return Run(
        kind,
        seconds,
        peaks.get("largest_process_kib", 0) / 1024,
        stages or {},
        problems,
        tree_peak_mib=peaks.get("tree_peak_kib", 0) / 1024,
        tree_rss_peak_mib=peaks.get("tree_rss_peak_kib", 0) / 1024,
        cpu_seconds=peaks.get("cpu_seconds", 0.0),
    )


def measured(command: Sequence[str], cwd: Path, log: Path) -> tuple[float, dict[str, float], int]:
    """Run a command through build_launcher.py; wall seconds, the launcher's report, exit code."""
    peak_file = log.with_suffix(".peak.json")
    peak_file.unlink(missing_ok=True)
    launched = [sys.executable, str(Path(__file__).with_name("build_launcher.py")), str(peak_file)]
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        code = subprocess.run(
            [*launched, *command], cwd=cwd, stdout=out, stderr=subprocess.STDOUT
        ).returncode
        seconds = time.perf_counter() - started
    found = json.loads(peak_file.read_text()) if peak_file.exists() else {}
    return seconds, found, code
