"""faces_common.settings.is_whole_number: the one check of a whole-number plugin setting."""

from __future__ import annotations

import pytest
from faces_common.settings import is_whole_number


@pytest.mark.parametrize(
    ("value", "low", "high", "expected"),
    [
        (1, 1, None, True),
        (10**9, 1, None, True),
        (0, 1, None, False),
        (240, 1, 240, True),
        (241, 1, 240, False),
        (0, 0, 1000, True),
        (-1, 0, 1000, False),
        # Python counts True as 1 and False as 0; a setting written True is not a number.
        (True, 1, None, False),
        (False, 0, 1000, False),
        (1.0, 1, None, False),
        ("3", 1, None, False),
        (None, 1, None, False),
    ],
)
def test_a_whole_number_within_its_range(
    value: object, low: int, high: int | None, expected: bool
) -> None:
    assert is_whole_number(value, low, high) is expected
