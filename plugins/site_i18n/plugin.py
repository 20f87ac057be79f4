"""Install Babel translations and date filters into every Jinja environment."""

from __future__ import annotations

import logging
import os
from typing import Any

from faces_common.settings import merge_defaults
from faces_common.voice import DEFAULT_ADDRESS, check_address, site_address
from pelican import signals

from .catalogs import load_translations
from .dates import make_filters

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # Babel locale for the interface and for dates, e.g. "de_CH", "de_DE", "en_GB".
    "I18N_LOCALE": "de_CH",
    # Folder with <lang>/LC_MESSAGES/messages.po; None means "<THEME>/translations".
    "I18N_CATALOG_DIR": None,
    # Locale of the content by its `Lang:` (og:locale), e.g. {"de": "de_CH", "en": "en_GB"};
    # None: I18N_LOCALE for the interface's own language, these two for the others.
    "I18N_CONTENT_LOCALES": None,
    # How German texts address the reader: "Sie" (formal) or "du" (informal); every reader-facing
    # text of the theme and the plugins follows it (the backend reads FACES_ADDRESS).
    "I18N_ADDRESS": DEFAULT_ADDRESS,
}

FALLBACK_CONTENT_LOCALES = {"de": "de_CH", "en": "en_GB"}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and check the locale."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    if settings["I18N_CATALOG_DIR"] is None:
        settings["I18N_CATALOG_DIR"] = os.path.join(settings["THEME"], "translations")
    _check_locale("I18N_LOCALE", settings["I18N_LOCALE"])
    check_address(settings["I18N_ADDRESS"])
    if settings["I18N_CONTENT_LOCALES"] is None:
        locale = settings["I18N_LOCALE"]
        settings["I18N_CONTENT_LOCALES"] = {**FALLBACK_CONTENT_LOCALES, locale[:2]: locale}
    content_locales = settings["I18N_CONTENT_LOCALES"]
    if not isinstance(content_locales, dict):
        raise ValueError(
            f"I18N_CONTENT_LOCALES has value {content_locales!r}. "
            "Expected None or a dict such as {'de': 'de_CH', 'en': 'en_GB'}."
        )
    for locale in content_locales.values():
        _check_locale("I18N_CONTENT_LOCALES", locale)


def _check_locale(key: str, value: Any) -> None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value)
    except (TypeError, ValueError, UnknownLocaleError):
        raise ValueError(
            f"{key} has value {value!r}. Expected a locale such as 'de_CH', 'de_DE' or 'en_GB'."
        ) from None


def content_locale_for(settings: dict[str, Any]) -> Any:
    """The `content_locale(lang)` global: the locale of content in `lang` ("de" -> "de_CH")."""
    locales = settings["I18N_CONTENT_LOCALES"]

    def content_locale(lang: str) -> str:
        return locales.get(lang, settings["I18N_LOCALE"])

    return content_locale


def install(generator: Any) -> None:
    """Give the generator's Jinja environment gettext and the date filters."""
    settings = generator.settings
    address = site_address(settings)  # also where a test renders without apply_defaults
    translations = load_translations(settings["I18N_CATALOG_DIR"], settings["I18N_LOCALE"], address)
    generator.env.install_gettext_translations(translations, newstyle=True)
    generator.env.filters.update(make_filters(settings["I18N_LOCALE"], settings["TIMEZONE"]))
    generator.env.globals["LOCALE"] = settings["I18N_LOCALE"]
    generator.env.globals["ADDRESS"] = address
    generator.env.globals["UI_LANG"] = settings["I18N_LOCALE"].split("_")[0]
    generator.env.globals["content_locale"] = content_locale_for(settings)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(install)
