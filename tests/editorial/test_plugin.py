"""The plugin's settings: defaults documented in the README, bad values refused by name."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from editorial.settings import DEFAULTS, apply_defaults

from tests.readme import documented_settings


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("editorial", "EDITORIAL_") == set(DEFAULTS)


def test_defaults_are_merged_without_touching_given_values() -> None:
    settings: dict[str, Any] = {"EDITORIAL_REVIEW_SAVE_AS": "review/index.html"}
    apply_defaults(SimpleNamespace(settings=settings))
    assert settings["EDITORIAL_REVIEW_SAVE_AS"] == "review/index.html"
    assert settings["EDITORIAL_REVIEW_PAGE"] is False
    assert set(DEFAULTS) <= set(settings)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("EDITORIAL_EDIT_URL", "{repository}/edit", "It must contain {path}."),
        ("EDITORIAL_NEW_POST_PATH", "posts/{year}.md", "It must contain {slug}."),
        ("EDITORIAL_REPOSITORY_URL", "github.com/x", "EDITORIAL_REPOSITORY_URL has value"),
        ("EDITORIAL_LINKCHECK_IGNORE", "/api/", "EDITORIAL_LINKCHECK_IGNORE has value '/api/'."),
    ],
)
def test_bad_values_are_refused_by_name(key: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("{", r"\{").replace("}", r"\}")):
        apply_defaults(SimpleNamespace(settings={key: value}))
