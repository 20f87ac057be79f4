"""Messages by one report language: MESSAGES_LANG, and each plugin's catalog read in it."""

from __future__ import annotations

import logging
from collections.abc import Mapping, MutableMapping
from typing import Any

from .settings import setting_error

logger = logging.getLogger(__name__)

# (what is wrong, how to fix it) by language, then by message key; each plugin keeps its own.
Catalog = Mapping[str, Mapping[str, tuple[str, str]]]
# One phrase by language, then by key (headings and summaries of reports).
Phrases = Mapping[str, Mapping[str, str]]

LANGUAGES = ("de", "en")
SETTING = "MESSAGES_LANG"
# The message-language settings of single plugins before MESSAGES_LANG; read while it is unset.
DEPRECATED_SETTINGS = (
    "CHECKS_LANGUAGE",
    "AUTHORS_MESSAGES_LANG",
    "POLLS_LANGUAGE",
    "CLEAN_IMAGES_LANGUAGE",
)
_DEPRECATION = {
    "de": (
        "{old} ist veraltet und wird nur gelesen, solange MESSAGES_LANG fehlt. Schreiben Sie in "
        "pelicanconf.py MESSAGES_LANG = {lang!r} statt {old} = …; MESSAGES_LANG gilt für die "
        "Meldungen aller Plugins."
    ),
    "en": (
        "{old} is deprecated and only read while MESSAGES_LANG is not set. In pelicanconf.py "
        "write MESSAGES_LANG = {lang!r} instead of {old} = …; MESSAGES_LANG is the language "
        "of every plugin's messages."
    ),
}


def catalog_text(catalog: Catalog, lang: str, key: str, /, **values: object) -> tuple[str, str]:
    """Return (message, fix) of the catalog in the language, falling back to English."""
    message, fix = catalog.get(lang, catalog["en"])[key]
    return message.format(**values), fix.format(**values)


def catalog_phrase(phrases: Phrases, lang: str, key: str, /, **values: object) -> str:
    """Return one phrase in the language, falling back to English."""
    return phrases.get(lang, phrases["en"])[key].format(**values)


def messages_lang(settings: Mapping[str, Any]) -> str:
    """The report language: MESSAGES_LANG, else an older plugin setting, else from DEFAULT_LANG.

    A value other than 'de' or 'en' counts as unset here; merge_messages_lang refuses it.
    """
    for key in (SETTING, *DEPRECATED_SETTINGS):
        if settings.get(key) in LANGUAGES:
            return str(settings[key])
    return "en" if str(settings.get("DEFAULT_LANG") or "de").lower().startswith("en") else "de"


def merge_messages_lang(settings: MutableMapping[str, Any], deprecated: str | None = None) -> str:
    """Settle MESSAGES_LANG for every plugin; say once, in it, if the plugin's old setting is set.

    deprecated: the calling plugin's own former setting, so each is named by one plugin only.
    """
    for key in (SETTING, *DEPRECATED_SETTINGS):
        chosen = settings.get(key)
        if chosen is not None and chosen not in LANGUAGES:
            raise setting_error(key, chosen, "'de' or 'en'")
    lang = messages_lang(settings)
    settings[SETTING] = lang
    if deprecated is not None and settings.get(deprecated) is not None:
        # Marked so a strict build does not fail on it: the old setting still works.
        message = _DEPRECATION[lang].format(old=deprecated, lang=lang)
        logger.warning("%s", message, extra={"deprecation": True})
    return lang
