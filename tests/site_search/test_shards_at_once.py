"""Shards indexed two Pagefind runs at a time where two cores allow, into the same files."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import site_search.pagefind_index as pagefind_index
import site_search.pagefind_run as pagefind_run

from tests.site_search.test_shards import files, indexing, shard_settings


def _runs_at_once(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record, for each Pagefind run as it starts, how many runs are going on."""
    seen: list[int] = []
    going = [0]
    lock = threading.Lock()
    run = pagefind_run.run_pagefind

    def counted(command: list[str], *rest: Any) -> None:
        with lock:
            going[0] += 1
            seen.append(going[0])
        try:
            run(command, *rest)
        finally:
            with lock:
                going[0] -= 1

    monkeypatch.setattr(pagefind_run, "run_pagefind", counted)
    return seen


def test_two_cores_run_two_shards_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind_index, "usable_cores", lambda: 2)
    seen = _runs_at_once(monkeypatch)
    # Each run waits at the barrier until a second one has started: one after the other, the
    # first run would wait for ever (the timeout fails the test instead).
    meeting = threading.Barrier(2, timeout=60)
    started: list[str] = []
    run = pagefind_run.run_pagefind

    def met(command: list[str], *rest: Any) -> None:
        started.append(command[-1])
        if len(started) <= 2:
            meeting.wait()
        run(command, *rest)

    monkeypatch.setattr(pagefind_run, "run_pagefind", met)
    settings = shard_settings(tmp_path, "both")
    assert set(indexing(settings).values()) == {"indexed"}
    # Six pages in four shards of two: one shard is empty, three runs.
    assert len(seen) == 3 and max(seen) == 2


def test_at_once_or_one_after_the_other_the_index_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagefind_index, "usable_cores", lambda: 1)
    seen = _runs_at_once(monkeypatch)
    alone = shard_settings(tmp_path, "alone")
    indexing(alone)
    assert seen == [1, 1, 1]
    monkeypatch.setattr(pagefind_index, "usable_cores", lambda: 2)
    both = shard_settings(tmp_path, "both")
    indexing(both)
    index = "pagefind"
    assert files(Path(str(both["OUTPUT_PATH"])) / index) == files(
        Path(str(alone["OUTPUT_PATH"])) / index
    )
