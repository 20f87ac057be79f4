"""Image work on the other cores while Pelican reads and writes: a pool started on first use.

A plugin submits its photos, cards or image copies as soon as it knows them and collects the
results only where a page needs them; the build process meanwhile goes on with its own work.
The workers run at a lower priority, so the build process, which every page waits for, keeps
its core; they take what it leaves. When the build process reaches the results, it does not
sit and wait: it takes back the jobs no worker has started, from the last one, and does them
itself while the workers finish theirs (on a busy machine the workers may have done little).

The build process runs no thread for the pool: a dispatcher process, forked at the first job,
owns the workers (and the threads that feed them), and the build process asks it over a pipe.
So the build process may fork at any time (parallel_write forks a writer when Pelican starts
writing, while the workers still draw), and its copy holds no half-taken lock of the pool.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.util import Finalize
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")

# The build process's ends of the open pools' pipes.
_BUILD_ENDS: set[Connection] = set()

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
        self, function: Callable[..., Result], args: tuple[Any, ...], future: Dispatched | None
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
        return self.future.result()  # type: ignore[no-any-return]


def results(jobs: Sequence[BackgroundJob[Result]]) -> Iterator[Result]:
    """Each job's result in order, this process doing the jobs no worker has started yet."""
    # From the last: the workers take the jobs from the first, so the two meet in the middle.
    for job in reversed(jobs):
        job.take_back()
    for job in jobs:
        yield job.result()


class Dispatched:
    """A job handed to the dispatcher: cancelled, or its result fetched, by asking it."""

    def __init__(self, pool: BackgroundPool, number: int) -> None:
        self._pool, self.number = pool, number
        self._cancelled = False
        self._outcome: tuple[bool, Any] | None = None

    def cancel(self) -> bool:
        """Cancel the job unless a worker has started it; whether it is cancelled."""
        if self._outcome is None and not self._cancelled:
            self._cancelled = bool(self._pool.ask("cancel", self.number))
        return self._cancelled

    def cancelled(self) -> bool:
        """Whether cancel() succeeded."""
        return self._cancelled

    def running(self) -> bool:
        """Whether a worker is doing the job right now."""
        return self._outcome is None and bool(self._pool.ask("running", self.number))

    def result(self) -> Any:
        """The job's return value; its exception raised here if it failed."""
        if self._outcome is None:
            self._outcome = self._pool.ask("result", self.number)
        succeeded, value = self._outcome
        if not succeeded:
            raise value
        return value


class BackgroundPool:
    """Worker processes started at the first submitted job and stopped by close()."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or usable_cores()
        self._closing: Finalize | None = None
        self._connection: Connection | None = None
        self._submitted = 0
        # A question and its answer stay together if two threads of the build ask at once.
        self._asking = threading.Lock()

    def submit(self, function: Callable[..., Result], *args: Any) -> BackgroundJob[Result]:
        """Hand function(*args) to a worker."""
        if self._connection is None:
            # Started on first use: a build with nothing to draw starts no process at all, and
            # one that starts early forks a small build process, not one holding every post.
            self._start()
        assert self._connection is not None
        self._submitted += 1
        with self._asking:
            self._connection.send(("submit", self._submitted, function, args))
        return BackgroundJob(function, args, Dispatched(self, self._submitted))

    def ask(self, question: str, number: int) -> Any:
        """The dispatcher's answer about job number."""
        assert self._connection is not None
        with self._asking:
            self._connection.send((question, number))
            return self._connection.recv()

    def close(self) -> None:
        """Wait for the jobs the workers have started and stop them; the pool can be used again."""
        if self._closing is not None:
            self._closing()
        self._connection = self._closing = None

    def _start(self) -> None:
        here, there = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork")
        dispatcher = context.Process(
            target=_dispatch, args=(there, self.workers), name="background-pool"
        )
        dispatcher.start()
        there.close()
        _BUILD_ENDS.add(here)
        self._connection = here
        # A pool the build never closed (it failed, or was interrupted) is closed as the build
        # process exits, before multiprocessing waits for its child processes.
        self._closing = Finalize(self, _close, args=(here, dispatcher), exitpriority=10)

    def __enter__(self) -> BackgroundPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def later(function: Callable[..., Result], *args: Any) -> BackgroundJob[Result]:
    """A job done in this process when its result is asked for (no pool, or too few jobs)."""
    return BackgroundJob(function, args, None)


def _close(connection: Connection, dispatcher: Any) -> None:
    """Ask the dispatcher to stop its workers once their jobs are done; wait until it has."""
    _BUILD_ENDS.discard(connection)
    try:
        connection.send(("close", 0))
        connection.recv()
    except (EOFError, OSError):
        pass  # the dispatcher has gone already
    connection.close()
    dispatcher.join()


def _dispatch(connection: Connection, workers: int) -> None:
    """The dispatcher process: hand the build's jobs to the workers and answer its questions."""
    # The build's ends of every pool's pipe: a dispatcher sees the end of its pipe when the
    # build process goes, whichever other dispatchers still run.
    for build_end in list(_BUILD_ENDS):
        build_end.close()
    _BUILD_ENDS.clear()
    # Ctrl-C is the build's to handle: it closes the pool, which lets the started jobs finish.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    executor = ProcessPoolExecutor(workers, initializer=_yield_to_build)
    futures: dict[int, Future[Any]] = {}
    try:
        while True:
            try:
                question, number, *job = connection.recv()
            except EOFError:
                return
            if question == "submit":
                futures[number] = executor.submit(job[0], *job[1])
            elif question == "close":
                break
            else:
                _send_answer(connection, _answer(question, futures, number))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        with contextlib.suppress(OSError):  # the build may have gone
            connection.send("closed")


def _answer(question: str, futures: dict[int, Future[Any]], number: int) -> Any:
    future = futures[number]
    if question == "cancel":
        return future.cancel()
    if question == "running":
        return future.running()
    del futures[number]
    try:
        return True, future.result()
    except BaseException as error:
        return False, error


def _send_answer(connection: Connection, answer: Any) -> None:
    try:
        connection.send(answer)
    except Exception as error:  # a result or error that does not pickle: say so instead
        connection.send((False, RuntimeError(f"background job's result not passed on: {error}")))


def _yield_to_build() -> None:
    if hasattr(os, "nice"):
        os.nice(_WORKER_NICENESS)
