"""One background thread that does the notifier's work off the request path, with retries.

Tasks run in the order they were handed in; a failing task is tried again after a growing
delay while the others go on, and its last failure is logged in one line (no addresses).
"""

from __future__ import annotations

import heapq
import itertools
import logging
import smtplib
import threading
import time
import urllib.error
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

log = logging.getLogger("faces_backend")

RETRY_DELAYS_SECONDS = (5.0, 30.0, 120.0, 600.0)


@dataclass
class Task:
    """One piece of work: what it is (for the log, without personal data) and what to do."""

    description: str
    action: Callable[[], None]
    retry: bool = True
    attempts: int = 0
    last_error: str = ""


@dataclass(order=True)
class _Due:
    at: float
    order: int
    task: Task = field(compare=False)


class Worker:
    """Runs tasks in its own thread; a periodic task (the retention purge) runs when due."""

    def __init__(
        self,
        *,
        retry_delays: Sequence[float] = RETRY_DELAYS_SECONDS,
        periodic: Task | None = None,
        period_seconds: float = 3600.0,
    ) -> None:
        self._retry_delays = tuple(retry_delays)
        self._periodic = periodic
        self._period = period_seconds
        self._due: list[_Due] = []
        self._order = itertools.count()
        self._unfinished = 0
        self._closing = False
        self._closed = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread."""
        self._thread = threading.Thread(target=self._loop, name="faces-notify", daemon=True)
        self._thread.start()

    def submit(self, description: str, action: Callable[[], None], *, retry: bool = True) -> None:
        """Queue a task; returns at once. While closing, queued work still runs once."""
        with self._changed:
            if self._closed:
                log.warning("faces_backend: notify: %s dropped: stopped", description)
                return
            self._unfinished += 1
            self._push(time.monotonic(), Task(description, action, retry))

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every task is done or given up; return False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._unfinished == 0, timeout=timeout)

    def close(self) -> None:
        """Run the queued tasks once more, give up waiting retries, and end the thread."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _push(self, at: float, task: Task) -> None:
        heapq.heappush(self._due, _Due(at, next(self._order), task))
        self._changed.notify_all()

    def _loop(self) -> None:
        next_periodic = time.monotonic()
        while True:
            with self._changed:
                task = self._next(next_periodic)
                if task is None:
                    self._closed = True
                    return
            if task is self._periodic:
                next_periodic = time.monotonic() + self._period
            self._run(task)

    def _next(self, next_periodic: float) -> Task | None:
        """Wait for the next task that is due (the periodic one included); None: closing."""
        while True:
            now = time.monotonic()
            if self._due and (self._due[0].at <= now or self._closing):
                return heapq.heappop(self._due).task
            if self._closing:
                return None
            if self._periodic is not None and now >= next_periodic:
                return self._periodic
            deadlines = [entry.at for entry in self._due[:1]]
            if self._periodic is not None:
                deadlines.append(next_periodic)
            self._changed.wait(timeout=min(deadlines) - now if deadlines else None)

    def _run(self, task: Task) -> None:
        if task is self._periodic:
            # Not counted as unfinished, never retried: it runs again next period.
            if not self._attempt(task):
                self._log_failure(task)
            return
        # A retry still waiting when the backend stops is given up, not tried in a hurry.
        if task.attempts and self._closing:
            self._log_failure(task)
        elif not self._attempt(task):
            if task.retry and not self._closing and task.attempts <= len(self._retry_delays):
                with self._changed:
                    self._push(time.monotonic() + self._retry_delays[task.attempts - 1], task)
                return
            self._log_failure(task)
        self._finish()

    def _attempt(self, task: Task) -> bool:
        """Run the task once; return whether it succeeded."""
        try:
            task.action()
        except Exception as error:
            task.attempts += 1
            task.last_error = brief(error)
            if log.isEnabledFor(logging.DEBUG):
                log.debug("faces_backend: notify: %s failed", task.description, exc_info=True)
            return False
        return True

    def _log_failure(self, task: Task) -> None:
        log.warning(
            "faces_backend: notify: %s not done after %s attempt(s): %s",
            task.description,
            task.attempts,
            task.last_error,
        )

    def _finish(self) -> None:
        with self._changed:
            self._unfinished -= 1
            self._changed.notify_all()


def brief(error: Exception) -> str:
    """Describe a failure in a few words, without the addresses some exceptions carry."""
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"{name}: the server refused {len(error.recipients)} recipient(s)"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{name}: the server answered {error.smtp_code}"
    if isinstance(error, urllib.error.HTTPError):
        return f"{name}: the webhook answered {error.code}"
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        return f"{name}: {getattr(reason, 'strerror', None) or reason}"
    if isinstance(error, OSError) and error.strerror:
        return f"{name}: {error.strerror}"
    return name
