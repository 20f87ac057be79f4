"""Tests for faces_common.messages: catalogs by one report language, and MESSAGES_LANG."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from faces_common.messages import (
    DEPRECATED_SETTINGS,
    catalog_phrase,
    catalog_text,
    merge_messages_lang,
    messages_lang,
)

CATALOG = {
    "de": {"missing": ("Das Feld '{field}' fehlt.", "Ergänzen Sie '{field}: …'.")},
    "en": {"missing": ("The field '{field}' is missing.", "Add '{field}: …'.")},
}


@pytest.fixture(autouse=True)
def fresh_log_dedup() -> None:
    """Forget what Pelican's log filter has seen: it drops a line already logged in this process."""
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", ("Das Feld 'Title' fehlt.", "Ergänzen Sie 'Title: …'.")),
        ("en", ("The field 'Title' is missing.", "Add 'Title: …'.")),
        ("fr", ("The field 'Title' is missing.", "Add 'Title: …'.")),
    ],
)
def test_a_message_is_in_the_language_and_english_for_an_unknown_one(
    lang: str, expected: tuple[str, str]
) -> None:
    assert catalog_text(CATALOG, lang, "missing", field="Title") == expected


def test_a_phrase_is_in_the_language_with_its_values() -> None:
    phrases = {"de": {"count": "{n} Fehler"}, "en": {"count": "{n} errors"}}
    assert catalog_phrase(phrases, "de", "count", n=3) == "3 Fehler"
    assert catalog_phrase(phrases, "xx", "count", n=3) == "3 errors"


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, "de"),
        ({"DEFAULT_LANG": "en"}, "en"),
        ({"DEFAULT_LANG": "en_GB"}, "en"),
        ({"DEFAULT_LANG": "fr"}, "de"),
        ({"DEFAULT_LANG": "en", "MESSAGES_LANG": None}, "en"),
        ({"DEFAULT_LANG": "en", "MESSAGES_LANG": "de"}, "de"),
        ({"DEFAULT_LANG": "de", "POLLS_LANGUAGE": "en"}, "en"),
        ({"DEFAULT_LANG": "de", "POLLS_LANGUAGE": None, "CLEAN_IMAGES_LANGUAGE": "en"}, "en"),
        ({"MESSAGES_LANG": "de", "CHECKS_LANGUAGE": "en"}, "de"),
        # A value that cannot work is refused by merge_messages_lang; readers before it go on.
        ({"DEFAULT_LANG": "en", "MESSAGES_LANG": "fr"}, "en"),
    ],
)
def test_the_report_language_of_a_site(settings: dict[str, Any], expected: str) -> None:
    assert messages_lang(settings) == expected


@pytest.mark.parametrize("key", ["MESSAGES_LANG", *DEPRECATED_SETTINGS])
@pytest.mark.parametrize("value", ["fr", "EN", 1, ""])
def test_a_language_that_cannot_work_is_refused_by_name(key: str, value: object) -> None:
    with pytest.raises(ValueError) as raised:
        merge_messages_lang({"DEFAULT_LANG": "de", key: value})
    assert str(raised.value) == f"{key} has value {value!r}. Expected 'de' or 'en'."


def test_merging_settles_the_language_for_every_plugin_without_a_word(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings: dict[str, Any] = {"DEFAULT_LANG": "en", "MESSAGES_LANG": None}
    assert merge_messages_lang(settings, deprecated="CHECKS_LANGUAGE") == "en"
    assert settings == {"DEFAULT_LANG": "en", "MESSAGES_LANG": "en"}
    assert caplog.records == []


@pytest.mark.parametrize(
    ("settings", "line"),
    [
        (
            {"CHECKS_LANGUAGE": "en"},
            "CHECKS_LANGUAGE is deprecated and only read while MESSAGES_LANG is not set. In "
            "pelicanconf.py write MESSAGES_LANG = 'en' instead of CHECKS_LANGUAGE = …; "
            "MESSAGES_LANG is the language of every plugin's messages.",
        ),
        (
            {"CHECKS_LANGUAGE": "de", "DEFAULT_LANG": "en"},
            "CHECKS_LANGUAGE ist veraltet und wird nur gelesen, solange MESSAGES_LANG fehlt. "
            "Schreiben Sie in pelicanconf.py MESSAGES_LANG = 'de' statt CHECKS_LANGUAGE = …; "
            "MESSAGES_LANG gilt für die Meldungen aller Plugins.",
        ),
        (
            {"CHECKS_LANGUAGE": "en", "MESSAGES_LANG": "de"},
            "CHECKS_LANGUAGE ist veraltet und wird nur gelesen, solange MESSAGES_LANG fehlt. "
            "Schreiben Sie in pelicanconf.py MESSAGES_LANG = 'de' statt CHECKS_LANGUAGE = …; "
            "MESSAGES_LANG gilt für die Meldungen aller Plugins.",
        ),
    ],
)
def test_the_plugin_s_old_setting_is_named_once_in_the_report_language(
    settings: dict[str, Any], line: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    merge_messages_lang(settings, deprecated="CHECKS_LANGUAGE")
    # Another plugin settles the same language without repeating what is not its setting.
    merge_messages_lang(settings, deprecated="POLLS_LANGUAGE")
    merge_messages_lang(settings)
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [(logging.WARNING, line)]
    assert getattr(caplog.records[0], "deprecation", False) is True
