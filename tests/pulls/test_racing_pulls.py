"""Two pulls at once: the second waits for the first, so the file ends whole and never smaller."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from faces_common.jsonfiles import lock_path, locked, write_json

from tests.pulls.helpers import (
    REPO,
    Backend,
    count_views,
    make_backend,
    vote,
    wait_until_blocked_on,
)
from tests.sites import env_without_faces

ROUNDS = 15


def start(args: list[str], environ: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "faces_backend", *args],
        cwd=REPO,
        env=env_without_faces(**environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_pull_waits_and_then_merges_with_what_was_written_meanwhile(tmp_path: Path) -> None:
    backend = make_backend(tmp_path / "backend")
    vote(backend, "live", ("cafe",), ("salatbar",))
    results = tmp_path / "content" / "data" / "poll-results.json"
    archived = {"total": 12, "options": {"x": 12}, "suggestions": []}
    with locked(results):
        pulling = start(["snapshot", str(results)], backend.environ)
        wait_until_blocked_on(pulling, lock_path(results))
        # Another pull finishes first and leaves a poll this backend does not know.
        write_json(results, {"generated": "2026-11-22T06:00:00+00:00", "polls": {"old": archived}})
    _, err = pulling.communicate(timeout=120)
    assert pulling.returncode == 0, err
    polls = json.loads(results.read_text(encoding="utf-8"))["polls"]
    assert polls["old"] == archived
    assert polls["live"]["total"] == 2


def test_a_views_pull_that_waited_refuses_when_the_file_grew_past_its_database(
    tmp_path: Path,
) -> None:
    backend = make_backend(tmp_path / "backend")
    count_views(backend, {("/2026/a/", "2026-11-20"): 3})
    counts = tmp_path / "content" / "data" / "views.json"
    bigger = {"version": 1, "days": "UTC", "paths": {"/2026/a/": {"2026-11-20": 7}}}
    with locked(counts):
        pulling = start(["views", "export", str(counts)], {"FACES_DB": str(backend.db)})
        wait_until_blocked_on(pulling, lock_path(counts))
        write_json(counts, bigger)
    _, err = pulling.communicate(timeout=120)
    assert pulling.returncode == 1
    assert "/2026/a/ am 2026-11-20: 7 Aufrufe im Repository, 3 in der Datenbank." in err
    assert json.loads(counts.read_text(encoding="utf-8")) == bigger


LOOP = """
import os, sys
from faces_backend.cli import main
environ = {"FACES_DB": os.environ["PULL_DB"], "FACES_MANIFEST": os.environ["PULL_MANIFEST"]}
codes = [main(sys.argv[2:], environ) for _ in range(int(sys.argv[1]))]
print("exit codes:", *codes)
"""


def loop(backend: Backend, args: list[str], rounds: int = ROUNDS) -> subprocess.Popen[str]:
    """A process that runs the same pull `rounds` times through the command's entry point."""
    return subprocess.Popen(
        [sys.executable, "-c", LOOP, str(rounds), *args],
        cwd=REPO,
        env=env_without_faces(PULL_DB=str(backend.db), PULL_MANIFEST=str(backend.manifest)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def exit_codes(output: str) -> list[str]:
    """The exit codes a loop printed on its last line."""
    return output.splitlines()[-1].removeprefix("exit codes:").split()


def watch(
    path: Path, total: Callable[[Any], int], stop: threading.Event, seen: list[int | str]
) -> None:
    """Read the file over and over while the pulls run; record each total seen, or the error."""
    while not stop.is_set():
        try:
            seen.append(total(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError) as error:
            seen.append(f"unreadable: {error}")


def poll_total(data: Any) -> int:
    return int(data["polls"]["live"]["total"])


def views_total(data: Any) -> int:
    return sum(sum(days.values()) for days in data["paths"].values())


@pytest.mark.parametrize("kind", ["results", "views"])
def test_two_pulls_racing_never_shrink_the_file(tmp_path: Path, kind: str) -> None:
    newer = make_backend(tmp_path / "newer")
    older = make_backend(tmp_path / "older")
    if kind == "results":
        target = tmp_path / "content" / "data" / "poll-results.json"
        args = ["snapshot", str(target)]
        vote(older, "live", ("cafe",))
        vote(newer, "live", ("cafe",), ("salatbar",), ("cafe",))
        total = poll_total
    else:
        target = tmp_path / "content" / "data" / "views.json"
        args = ["views", "export", str(target)]
        count_views(older, {("/2026/a/", "2026-11-20"): 1})
        count_views(newer, {("/2026/a/", "2026-11-20"): 3})
        total = views_total
    first, err = loop(newer, args, rounds=1).communicate(timeout=120)
    assert exit_codes(first) == ["0"], err
    stop = threading.Event()
    seen: list[int | str] = []
    watcher = threading.Thread(target=watch, args=(target, total, stop, seen))
    watcher.start()
    try:
        racers = [loop(newer, args), loop(older, args)]
        outputs = [racer.communicate(timeout=300) for racer in racers]
    finally:
        stop.set()
        watcher.join()
    assert exit_codes(outputs[0][0]) == ["0"] * ROUNDS, outputs[0][1]
    # Every pull from the older database refuses: the file already holds more.
    assert exit_codes(outputs[1][0]) == ["1"] * ROUNDS
    assert seen and set(seen) == {3}
    assert total(json.loads(target.read_text(encoding="utf-8"))) == 3
