"""Image work on the other cores while Pelican reads and writes: a pool started on first use.

A plugin submits its photos, cards or image copies as soon as it knows them and collects the
results only where a page needs them; the build process meanwhile goes on with its own work.
The workers run at a lower priority, so the build process, which every page waits for, keeps
its core; they take what it leaves. When the build process reaches the results, it does not
sit and wait: it takes back the jobs no worker has started, from the last one, and does them
itself while the workers finish theirs (on a busy machine the workers may have done little).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")

# Added to the workers' nice value: they yield to the build process, not to other programs.
_WORKER_NICENESS = 5


def usable_cores() -> int:
    """The cores this process may use (in a container they can be fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


class BackgroundJob(Generic[Result]):
    """One function call, in a worker or (taken back, or without a pool) in this process."""

    def __init__(
        self, function: Callable[..., Result], args: tuple[Any, ...], future: Future[Result] | None
    ) -> None:
        self.function, self.args, self.future = function, args, future
        self._here: list[Result] = []

    def take_back(self) -> bool:
        """Do the job in this process if no worker has started it; whether it was done here."""
        if self._here:
            return True
        if self.future is not None and not self.future.cancel():
            return False
        self._here.append(self.function(*self.args))
        return True

    def result(self) -> Result:
        """The function's return value (its exception raised here, if it failed)."""
        if self._here or self.future is None or self.future.cancelled():
            self.take_back()
            return self._here[0]
        return self.future.result()


def results(jobs: Sequence[BackgroundJob[Result]]) -> Iterator[Result]:
    """Each job's result in order, this process doing the jobs no worker has started yet."""
    # From the last: the workers take the jobs from the first, so the two meet in the middle.
    for job in reversed(jobs):
        job.take_back()
    for job in jobs:
        yield job.result()


class BackgroundPool:
    """Worker processes started at the first submitted job and stopped by close()."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or usable_cores()
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, function: Callable[..., Result], *args: Any) -> BackgroundJob[Result]:
        """Hand function(*args) to a worker."""
        if self._executor is None:
            # Started on first use: a build with nothing to draw starts no process at all, and
            # one that starts early forks a small build process, not one holding every post.
            self._executor = ProcessPoolExecutor(self.workers, initializer=_yield_to_build)
        return BackgroundJob(function, args, self._executor.submit(function, *args))

    def close(self) -> None:
        """Wait for the jobs the workers have started and stop them; the pool can be used again."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> BackgroundPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def later(function: Callable[..., Result], *args: Any) -> BackgroundJob[Result]:
    """A job done in this process when its result is asked for (no pool, or too few jobs)."""
    return BackgroundJob(function, args, None)


def _yield_to_build() -> None:
    if hasattr(os, "nice"):
        os.nice(_WORKER_NICENESS)
