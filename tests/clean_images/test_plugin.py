"""Tests for clean_images.plugin: defaults, validation, the README table, report language."""

from __future__ import annotations

import copy
import logging
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from clean_images.clean import CleanResult
from clean_images.config import DEFAULTS, clean_settings
from clean_images.generator import _report
from clean_images.messages import MESSAGES, describe
from clean_images.plugin import apply_defaults
from clean_images.verdict import ImageIssue
from pelican.settings import DEFAULT_CONFIG

from tests.readme import documented_settings

ROOT = Path(__file__).resolve().parents[2]


def configured(**changes: Any) -> dict[str, Any]:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(changes)
    apply_defaults(SimpleNamespace(settings=settings))
    return settings


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("clean_images", "CLEAN_IMAGES_") == set(DEFAULTS)


def test_defaults_are_merged_and_the_language_follows_the_site() -> None:
    assert configured()["MESSAGES_LANG"] == "en"  # Pelican's DEFAULT_LANG
    german = configured(DEFAULT_LANG="de", CLEAN_IMAGES_MAX_KB=300)
    assert german["MESSAGES_LANG"] == "de"
    assert clean_settings(german).limits.max_kb == 300


def test_without_the_plugin_its_defaults_apply() -> None:
    # invoke check and new-post use the limits even where the plugin is not listed.
    assert clean_settings({}).limits.max_pixels == DEFAULTS["CLEAN_IMAGES_MAX_PIXELS"]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("CLEAN_IMAGES_MAX_KB", 0),
        ("CLEAN_IMAGES_MAX_PIXELS", "2000"),
        ("CLEAN_IMAGES_MAX_MEGAPIXELS", -1),
        ("CLEAN_IMAGES_JPEG_QUALITY", 101),
        ("CLEAN_IMAGES_WEBP_QUALITY", True),
        ("CLEAN_IMAGES_LANGUAGE", "fr"),
        ("CLEAN_IMAGES_WORKERS", 0),
        ("CLEAN_IMAGES_COVER_WIDTHS", 480),
        ("CLEAN_IMAGES_COVER_WIDTHS", (480, 0)),
        ("CLEAN_IMAGES_COVER_WIDTHS", ("480",)),
        ("CLEAN_IMAGES_COVER_COPIES_ON_REQUEST", "yes"),
        ("CLEAN_IMAGES_COVER_COPIES_ON_REQUEST", 1),
        ("CLEAN_IMAGES_ON_REQUEST", "yes"),
    ],
)
def test_bad_values_are_refused_by_name(key: str, value: object) -> None:
    with pytest.raises(ValueError, match=re.escape(f"{key} has value {value!r}")):
        configured(**{key: value})


def test_clean_files_on_request_need_the_copies_on_request() -> None:
    with pytest.raises(ValueError, match="CLEAN_IMAGES_COVER_COPIES_ON_REQUEST = True too"):
        configured(CLEAN_IMAGES_ON_REQUEST=True, CLEAN_IMAGES_COVER_COPIES_ON_REQUEST=False)


def test_both_languages_have_every_message() -> None:
    assert set(MESSAGES["de"]) == set(MESSAGES["en"])


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            "content/images/a.jpg: warning: Das Bild 'content/images/a.jpg' ist unvollständig "
            "oder beschädigt.\n    → Laden Sie die Datei noch einmal hoch; sie wurde wohl nicht "
            "ganz übertragen. Bis dahin fehlt das Bild auf der Website.",
        ),
        (
            "en",
            "content/images/a.jpg: warning: The image 'content/images/a.jpg' is incomplete or "
            "damaged.\n    → Upload the file again; it was probably not transferred completely. "
            "Until then the image is missing from the website.",
        ),
    ],
)
def test_a_build_problem_is_in_one_language(
    lang: str, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    issue = ImageIssue("image_damaged", {"reason": "image file is truncated"})
    _report(CleanResult(Path("content/images/a.jpg").resolve(), None, issues=(issue,)), lang)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [expected]


def test_numbers_and_lists_follow_the_language() -> None:
    issue = ImageIssue("image_too_many_megapixels", {"megapixels": 72.5, "limit": 60.0})
    assert (
        describe("de", issue, "x.png")[0] == "Das Bild 'x.png' hat 72,5 Megapixel, erlaubt sind 60."
    )
    assert (
        describe("en", issue, "x.png")[0]
        == "The image 'x.png' has 72.5 megapixels, the limit is 60."
    )
    heic = ImageIssue("image_unsupported", {"kind": "HEIC", "allowed": ("JPEG", "PNG")})
    assert (
        describe("en", heic, "a.heic")[0]
        == "'a.heic' is a HEIC image; only JPEG or PNG can be used."
    )
