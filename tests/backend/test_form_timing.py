"""FACES_FORM_MIN_SECONDS and FACES_FORM_MAX_SECONDS: one timing, read alike by every form."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from faces_backend.comments.config import CommentSettings
from faces_backend.stories.config import StorySettings
from tests.backend.helpers import config_refusal

Reader = Callable[[Mapping[str, str]], CommentSettings | StorySettings]
READERS: list[Reader] = [CommentSettings.from_env, StorySettings.from_env]

# Each setting's allowed range as the refusal words it, and values outside it.
RANGES = {
    "FACES_FORM_MIN_SECONDS": ("from 0 to 600, e.g. 3", ["601", "-1"]),
    "FACES_FORM_MAX_SECONDS": ("from 60 to 604800, e.g. 7200", ["59", "604801", "zwei Stunden"]),
}
OUT_OF_RANGE = [(name, value) for name, (_, values) in RANGES.items() for value in values]


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize(("name", "value"), OUT_OF_RANGE)
def test_a_form_timing_out_of_range_is_refused_by_every_form(
    read: Reader, name: str, value: str
) -> None:
    expected = RANGES[name][0]
    refused = config_refusal(read, {name: value})
    assert refused == f"{name} has value {value!r}. Expected a whole number {expected}."


@pytest.mark.parametrize("read", READERS)
def test_every_form_takes_the_same_timing(read: Reader) -> None:
    settings = read({"FACES_FORM_MIN_SECONDS": " 0 ", "FACES_FORM_MAX_SECONDS": "604800"})
    assert (settings.min_seconds, settings.max_seconds) == (0, 604800)
    default = read({})
    assert (default.min_seconds, default.max_seconds) == (3, 7200)
