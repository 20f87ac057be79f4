"""What every plugin's settings tests check alike: a value that cannot work, refused by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


def assert_refused_by_name(
    validate: Callable[[dict[str, Any]], object], settings: dict[str, Any], key: str
) -> None:
    """Check that `validate` refuses the value of `key` in faces_common's one wording."""
    with pytest.raises(ValueError) as refused:
        validate(settings)
    expected = f"{key} has value {settings[key]!r}. Expected "
    assert str(refused.value).startswith(expected), f"{key}: {refused.value}"
