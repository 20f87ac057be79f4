"""Tests for faces_common.settings: one merge of a plugin's DEFAULTS, one wording of a bad value."""

from __future__ import annotations

from typing import Any

import pytest
from faces_common.settings import is_endpoint, merge_defaults, setting_error

DEFAULTS: dict[str, Any] = {"X_SIZES": [96, 192], "X_NAME": "wall", "X_OFF": None}


def test_unset_keys_get_their_default_and_the_site_s_values_stay() -> None:
    own = ["a"]
    settings: dict[str, Any] = {"X_NAME": own, "X_OFF": False, "OTHER": 1}
    merge_defaults(settings, DEFAULTS)
    assert settings == {"X_NAME": ["a"], "X_OFF": False, "OTHER": 1, "X_SIZES": [96, 192]}
    assert settings["X_NAME"] is own


def test_a_build_that_changes_a_default_leaves_the_next_build_s_default_alone() -> None:
    first: dict[str, Any] = {}
    merge_defaults(first, DEFAULTS)
    first["X_SIZES"].append(768)
    second: dict[str, Any] = {}
    merge_defaults(second, DEFAULTS)
    assert second["X_SIZES"] == DEFAULTS["X_SIZES"] == [96, 192]


@pytest.mark.parametrize(
    ("key", "value", "expected", "message"),
    [
        (
            "X_MONTHS",
            0,
            "a whole number from 1 to 240",
            "X_MONTHS has value 0. Expected a whole number from 1 to 240.",
        ),
        ("X_URL", "", "a URL", "X_URL has value ''. Expected a URL."),
        ("X_LIST", ["a", 1], "names", "X_LIST has value ['a', 1]. Expected names."),
    ],
)
def test_a_bad_value_is_named_with_its_key_and_what_it_should_be(
    key: str, value: object, expected: str, message: str
) -> None:
    error = setting_error(key, value, expected)
    assert isinstance(error, ValueError)
    assert str(error) == message


@pytest.mark.parametrize(
    ("value", "anywhere", "same_origin"),
    [
        ("/api/comments", True, True),
        ("https://backend.example.com/api/stories", True, False),
        ("http://localhost:8001/api", True, False),
        (None, False, False),
        (42, False, False),
        ("", False, False),
        ("api/comments", False, False),  # relative: depends on the page
        ("//evil.example/api", False, False),  # another host without saying so
        ("/api/comments/", False, False),
        ("/api?x=1", False, False),
        ("/api#top", False, False),
        ('/api"><script>', False, False),
        ("/api comments", False, False),
        ("ftp://example.com/api", False, False),
    ],
)
def test_an_endpoint_is_a_path_or_an_http_address_without_extras(
    value: object, anywhere: bool, same_origin: bool
) -> None:
    assert is_endpoint(value) is anywhere
    assert is_endpoint(value, same_origin=True) is same_origin
