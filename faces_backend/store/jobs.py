"""What a writer job may hand back besides a value: a result read later, or a share of a batch.

`Later`: the job sent its statement in the batch's pipeline; the result is read after COMMIT.
`Together`: a job that runs in one call with the like jobs next to it in the batch, so a batch
of votes on PostgreSQL is one statement instead of one per vote (`run_jobs`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from faces_backend.store.connection import Connection

T = TypeVar("T")
Item = TypeVar("Item")


class Later(Generic[T]):
    """A job's result that is read once its batch has committed (the statement was pipelined)."""

    def __init__(self, read: Callable[[], T]) -> None:
        self.read = read


@dataclass(frozen=True)
class Together(Generic[Item, T]):
    """A writer job that `run_all` runs together with its neighbours in a batch of the same kind.

    `run_all` takes the items of consecutive jobs (in the batch's order) and returns one result
    per item, exactly what running them one after the other would give. Called on its own (the
    writer's job-by-job path), the job runs as a batch of one.
    """

    run_all: Callable[[Connection, list[Item]], Sequence[T | Later[T]]]
    item: Item

    def __call__(self, conn: Connection) -> T | Later[T]:
        """Run this job alone."""
        return self.run_all(conn, [self.item])[0]


def run_jobs(conn: Connection, jobs: Sequence[Callable[[Connection], Any]]) -> list[Any]:
    """Run a batch's jobs in order; neighbouring `Together` jobs of one kind in one call."""
    values: list[Any] = []
    start = 0
    while start < len(jobs):
        job = jobs[start]
        end = start + 1
        if not isinstance(job, Together):
            values.append(job(conn))
            start = end
            continue
        while end < len(jobs) and _same_kind(jobs[end], job):
            end += 1
        share = jobs[start:end]
        results = job.run_all(conn, [together.item for together in share])  # type: ignore[attr-defined]
        if len(results) != len(share):
            raise RuntimeError(f"{job.run_all!r} returned {len(results)} results for {len(share)}")
        values.extend(results)
        start = end
    return values


def _same_kind(job: Callable[[Connection], Any], first: Together[Any, Any]) -> bool:
    return isinstance(job, Together) and job.run_all == first.run_all
