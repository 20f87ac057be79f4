"""faces_common.forked: a step in a forked process, its result and logs here, else run here."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest
from faces_common.forked import run_forked

logger = logging.getLogger("faces_common.test_step")


def test_the_step_runs_in_another_process_and_its_result_and_logs_come_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    marker = tmp_path / "written"

    def step() -> tuple[int, dict[str, list[int]]]:
        marker.write_text("by the step", encoding="utf-8")
        logger.error("a problem in %s", "post.md:3")
        return os.getpid(), {"rows": [1, 2, 3]}

    with caplog.at_level(logging.INFO):
        pid, figures = run_forked(step, "test")
    assert pid != os.getpid()
    assert figures == {"rows": [1, 2, 3]}
    assert marker.read_text(encoding="utf-8") == "by the step"
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("faces_common.test_step", logging.ERROR, "a problem in post.md:3")
    ]


def test_a_step_that_fails_in_the_child_runs_here_and_raises_here(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pids: list[int] = []

    def step() -> None:
        pids.append(os.getpid())
        logger.warning("before the failure")
        raise ValueError("posts/a.md:3: bad date")

    with caplog.at_level(logging.INFO), pytest.raises(ValueError, match="bad date"):
        run_forked(step, "test")
    # The child's attempt leaves nothing here: the step ran once here, logged once.
    assert pids == [os.getpid()]
    assert [r.getMessage() for r in caplog.records if r.name == logger.name] == [
        "before the failure"
    ]


def test_a_result_that_cannot_be_sent_is_computed_here() -> None:
    result = run_forked(lambda: (os.getpid(), lambda: None), "test")
    assert result[0] == os.getpid()


def test_without_fork_or_with_another_thread_running_the_step_runs_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run_forked(os.getpid, "test") != os.getpid()
    held = threading.Event()
    thread = threading.Thread(target=held.wait)
    thread.start()
    try:
        assert run_forked(os.getpid, "test") == os.getpid()
    finally:
        held.set()
        thread.join()
    monkeypatch.delattr(os, "fork")
    assert run_forked(os.getpid, "test") == os.getpid()
