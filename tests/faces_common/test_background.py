"""The background pool: jobs in worker processes, taken back by the build process when due."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from faces_common.background import BackgroundPool, Dispatched, later, results

from tests.sites import ROOT

# How long a worker waits for the test to release it before it gives up (a failing test).
_DEADLINE = 60.0


def _pid_and_niceness(number: int) -> tuple[int, int, int]:
    return number, os.getpid(), os.nice(0)


def _held_until(release: Path, number: int) -> tuple[int, int, int]:
    # Keeps the only worker busy until the test has taken the other jobs back.
    deadline = time.monotonic() + _DEADLINE
    while not release.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{release} never appeared")
        time.sleep(0.01)
    return _pid_and_niceness(number)


def _wait_until_handed_out(future: Dispatched | None) -> None:
    assert future is not None
    deadline = time.monotonic() + _DEADLINE
    while not future.running():
        assert time.monotonic() < deadline, "the pool never handed out the first job"
        time.sleep(0.01)


def _fail(reason: str) -> None:
    raise ValueError(reason)


def test_jobs_run_in_lower_priority_workers_and_come_back_in_order() -> None:
    with BackgroundPool(2) as pool:
        jobs = [pool.submit(_pid_and_niceness, number) for number in range(6)]
        done = [job.future.result() for job in jobs if job.future is not None]
        got = list(results(jobs))
    assert got == done
    assert [number for number, _, _ in got] == list(range(6))
    assert all(pid != os.getpid() for _, pid, _ in got)
    assert all(niceness > os.nice(0) for _, _, niceness in got)


def test_the_build_process_takes_back_the_jobs_no_worker_has_started(tmp_path: Path) -> None:
    release = tmp_path / "release"
    with BackgroundPool(1) as pool:
        held = pool.submit(_held_until, release, 0)
        _wait_until_handed_out(held.future)
        others = [pool.submit(_pid_and_niceness, number) for number in range(1, 8)]
        # The one worker is held: the queued jobs it has not started are done here, the last
        # first; the executor hands at most two jobs ahead to its worker, so five stay.
        taken = [job for job in reversed(others) if job.take_back()]
        release.touch()
        got = list(results([held, *others]))
    assert len(taken) >= 5
    assert [number for number, _, _ in got] == list(range(8))
    here = {number for number, pid, _ in got if pid == os.getpid()}
    assert here == {number for number, _, _ in (job.result() for job in taken)}
    assert 0 not in here


def test_a_failed_job_raises_where_its_result_is_asked_for() -> None:
    with BackgroundPool(2) as pool:
        job = pool.submit(_fail, "broken picture")
        with pytest.raises(ValueError, match="broken picture"):
            job.result()
    with pytest.raises(ValueError, match="no pool"):
        later(_fail, "no pool").result()


def test_no_worker_starts_without_a_job() -> None:
    pool = BackgroundPool(2)
    pool.close()
    assert pool._connection is None
    job = later(_pid_and_niceness, 3)
    assert job.result() == (3, os.getpid(), os.nice(0))


def test_the_build_process_runs_no_thread_while_the_workers_work(tmp_path: Path) -> None:
    # parallel_write forks the build process while the pool works: no thread may be copied.
    release = tmp_path / "release"
    # Other tests of the same process may leave daemon threads behind: count only the pool's.
    before = set(threading.enumerate())
    with BackgroundPool(2) as pool:
        held = pool.submit(_held_until, release, 0)
        _wait_until_handed_out(held.future)
        started = set(threading.enumerate()) - before
        assert not started, started
        release.touch()
        assert held.result()[0] == 0


def _unpicklable() -> object:
    return threading.Lock()


def _die() -> None:
    os._exit(3)


def test_a_result_that_cannot_come_back_or_a_dead_worker_raises_instead_of_hanging() -> None:
    with BackgroundPool(1) as pool, pytest.raises(Exception, match="lock"):
        pool.submit(_unpicklable).result()
    with BackgroundPool(1) as pool, pytest.raises(Exception, match="terminated abruptly"):
        pool.submit(_die).result()


# A build that ends without closing its pool, while a worker still works.
_LEFT_OPEN = """
import os, sys, time
from faces_common.background import BackgroundPool
pool = BackgroundPool(1)
job = pool.submit(time.sleep, 0.5)
while not job.future.running():
    time.sleep(0.01)
print(pool._closing._args[1].pid, flush=True)
"""


def test_a_pool_left_open_stops_its_processes_when_the_build_process_ends() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LEFT_OPEN],
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        capture_output=True,
        text=True,
        timeout=_DEADLINE,
        check=True,
    )
    dispatcher = int(done.stdout.split()[0])
    assert not Path(f"/proc/{dispatcher}").exists()
