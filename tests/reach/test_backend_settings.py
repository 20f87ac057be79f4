"""The FACES_VIEWS_* settings: defaults, values, and one clear line for a bad value."""

from __future__ import annotations

import pytest

from faces_backend.http.settings import Settings
from tests.backend.helpers import REQUIRED_ENVIRON as BASE
from tests.backend.helpers import config_refusal


def test_views_are_off_unless_a_reach_manifest_is_given() -> None:
    settings = Settings.from_env(BASE)
    assert (settings.views_manifest, settings.views_window, settings.views_rate_limit) == (
        "",
        1800,
        60,
    )


def test_every_views_variable_is_read() -> None:
    settings = Settings.from_env(
        {
            **BASE,
            "FACES_VIEWS_MANIFEST": " output/reach/manifest.json ",
            "FACES_VIEWS_WINDOW": "600",
            "FACES_VIEWS_RATE_LIMIT": "30",
        }
    )
    assert settings.views_manifest == "output/reach/manifest.json"
    assert (settings.views_window, settings.views_rate_limit) == (600, 30)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("FACES_VIEWS_WINDOW", "0", "Expected a number of seconds of at least 1, e.g. 1800."),
        ("FACES_VIEWS_WINDOW", "half an hour", "Expected a number of seconds"),
        ("FACES_VIEWS_RATE_LIMIT", "-5", "Expected a whole number of views per minute, e.g. 60."),
    ],
)
def test_a_bad_value_names_the_variable_and_the_fix(name: str, value: str, expected: str) -> None:
    refused = config_refusal(Settings.from_env, {**BASE, name: value})
    assert refused.startswith(f"{name} has value {value!r}. {expected}")
