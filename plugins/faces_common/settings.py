"""Plugin settings: each plugin's DEFAULTS table merged into the site's settings once."""

from __future__ import annotations

import copy
from collections.abc import Mapping, MutableMapping
from typing import Any


def merge_defaults(settings: MutableMapping[str, Any], defaults: Mapping[str, Any]) -> None:
    """Give every setting the site leaves out its default; values the site wrote stay as written."""
    for key, value in defaults.items():
        # A copy, so a list or dict a build changes cannot change the next build's default.
        settings.setdefault(key, copy.deepcopy(value))


def setting_error(key: str, value: object, expected: str) -> ValueError:
    """The one wording of a setting that cannot work: its name, its value, what it should be."""
    return ValueError(f"{key} has value {value!r}. Expected {expected}.")


def is_whole_number(value: object, low: int, high: int | None = None) -> bool:
    """Return whether a setting is a whole number from `low` to `high` (None: no upper limit).

    True and False are refused, though Python counts them as the numbers 1 and 0.
    """
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and low <= value
        and (high is None or value <= high)
    )


def is_endpoint(value: object, *, same_origin: bool = False) -> bool:
    """Return whether a setting names a backend address: a path, or (unless same_origin) a URL.

    No trailing slash (the form appends nothing), no query, fragment, quote or space (the
    address goes into an attribute and a Content-Security-Policy).
    """
    starts = ("/",) if same_origin else ("/", "https://", "http://")
    return (
        isinstance(value, str)
        and value.startswith(starts)
        and not value.startswith("//")
        and not value.endswith("/")
        and not any(c in value for c in "?#\"'<> ")
    )
