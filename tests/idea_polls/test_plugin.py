"""The plugin's settings: defaults merged once, bad values refused by name, all documented."""

from __future__ import annotations

import copy
import re
from types import SimpleNamespace
from typing import Any

import pytest
from idea_polls.plugin import DEFAULTS, EXTENSION, apply_defaults
from pelican.settings import DEFAULT_CONFIG

from tests.readme import documented_settings


def settings(**changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(DEFAULT_CONFIG), **changes}


def test_defaults_are_merged_and_the_markdown_extension_added() -> None:
    markdown = {"extension_configs": {"markdown.extensions.extra": {}}, "output_format": "html5"}
    given = settings(MARKDOWN=markdown, DEFAULT_LANG="de")
    apply_defaults(SimpleNamespace(settings=given))
    assert {key: given[key] for key in DEFAULTS} == DEFAULTS
    assert given["MESSAGES_LANG"] == "de"
    assert given["MARKDOWN"]["extension_configs"] == {
        "markdown.extensions.extra": {},
        EXTENSION: {},
    }
    assert markdown == {
        "extension_configs": {"markdown.extensions.extra": {}},
        "output_format": "html5",
    }, "the user's own value is left as written"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("POLLS_ENDPOINT", "api/vote"),
        ("POLLS_RESULTS_ENDPOINT", "/api/polls/results"),
        ("POLLS_SNAPSHOT_PATH", ""),
        ("POLLS_MANIFEST_SAVE_AS", "polls/manifest.txt"),
        ("POLLS_LANGUAGE", "fr"),
        ("CONTENT_CACHING_LAYER", "generator"),
    ],
)
def test_a_bad_value_is_refused_by_name(key: str, value: Any) -> None:
    given = settings(**{key: value}, CACHE_CONTENT=True)
    with pytest.raises(ValueError, match=f"^{key} has value {re.escape(repr(value))}"):
        apply_defaults(SimpleNamespace(settings=given))


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("idea_polls", "POLLS_") == set(DEFAULTS)
