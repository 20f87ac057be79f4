"""SweepCount: a sweep is due after every `every` hits, counted one by one or in groups."""

from __future__ import annotations

from faces_backend.http.sweeps import SweepCount


def test_a_sweep_is_due_on_every_third_hit_and_counting_starts_again() -> None:
    sweeps = SweepCount(every=3)
    assert [sweeps.due() for _ in range(7)] == [False, False, True, False, False, True, False]


def test_a_group_of_hits_counts_each_hit() -> None:
    sweeps = SweepCount(every=5)
    assert [sweeps.due(2), sweeps.due(2), sweeps.due(2), sweeps.due(1)] == [
        False,
        False,
        True,
        False,
    ]
