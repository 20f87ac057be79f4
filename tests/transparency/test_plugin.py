"""The settings: defaults merged once, every bad value refused with its key and value."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

import pytest
from transparency.plugin import DEFAULTS, apply_defaults

from tests.readme import documented_settings


def applied(**settings: Any) -> dict[str, Any]:
    values = dict(settings)
    apply_defaults(SimpleNamespace(settings=values))
    return values


def test_defaults_fill_only_what_is_missing() -> None:
    settings = applied(
        TRANSPARENCY_URL="transparency/", TRANSPARENCY_SAVE_AS="transparency/index.html"
    )
    assert settings["TRANSPARENCY_URL"] == "transparency/"
    assert settings["TRANSPARENCY_MONTHS"] == DEFAULTS["TRANSPARENCY_MONTHS"] == 24
    assert applied()["TRANSPARENCY_URL"] == "transparenz/"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("TRANSPARENCY_SAVE_AS", "transparenz/"),
        ("TRANSPARENCY_URL", ""),
        ("TRANSPARENCY_MONTHS", 0),
        ("TRANSPARENCY_MONTHS", "24"),
        ("TRANSPARENCY_MONTHS", True),
        ("TRANSPARENCY_EDITORIAL_PAGE", None),
        ("TRANSPARENCY_GIT", "yes"),
        ("TRANSPARENCY_GIT_TIMEOUT", 0),
        ("TRANSPARENCY_CORRECTION_TYPES", []),
        ("TRANSPARENCY_CORRECTION_TYPES", ["Correction"]),
        ("TRANSPARENCY_TODAY", "30.06.2026"),
    ],
)
def test_a_bad_value_is_refused_naming_key_and_value(key: str, value: Any) -> None:
    with pytest.raises(ValueError, match=rf"^{key} has value {re.escape(repr(value))}\. Expected "):
        applied(**{key: value})


def test_today_may_be_a_date_or_an_iso_string() -> None:
    assert applied(TRANSPARENCY_TODAY=dt.date(2026, 6, 30))["TRANSPARENCY_TODAY"] == dt.date(
        2026, 6, 30
    )
    assert applied(TRANSPARENCY_TODAY="2026-06-30")["TRANSPARENCY_TODAY"] == "2026-06-30"


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("transparency", "TRANSPARENCY_") == set(DEFAULTS)
