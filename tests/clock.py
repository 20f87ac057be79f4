"""A clock the test moves by hand, for the windows and limits that read a monotonic clock."""

from __future__ import annotations


class Clock:
    """A monotonic clock at 1000.0 that moves only when the test adds to `now`."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
