"""Interface language per page, date filters, translations and listings per language."""

from __future__ import annotations

import logging
import os
from typing import Any

from faces_common.settings import merge_defaults
from faces_common.voice import DEFAULT_ADDRESS, check_address, site_address
from jinja2 import pass_context
from jinja2.runtime import Context
from pelican import signals

from . import translations
from .catalogs import has_catalog
from .feeds import speak_the_feeds_language
from .interface import Interface
from .listings import add_generator

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
    # Header field naming the slug of the post a post translates (both then link each other);
    # pelicanconf.py sets ARTICLE_TRANSLATION_ID and PAGE_TRANSLATION_ID = "translation_key"
    # to group by it.
    "I18N_TRANSLATION_FIELD": "translation-of",
    # Home and archive of each language but the interface's own (which has INDEX_SAVE_AS and
    # ARCHIVES_SAVE_AS); {lang} is the language code. "" writes no such listing.
    "I18N_SECTION_URL": "{lang}/",
    "I18N_SECTION_SAVE_AS": "{lang}/index.html",
    "I18N_SECTION_ARCHIVE_URL": "{lang}/archive/",
    "I18N_SECTION_ARCHIVE_SAVE_AS": "{lang}/archive/index.html",
    # Site texts in the other interface languages, by language and setting name, e.g.
    # {"en": {"SITESUBTITLE": "…", "SITE_DESCRIPTION": "…"}}; the theme's `site_text(name)`.
    "I18N_SITE_TEXT": {},
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
    for key in ("I18N_SECTION_URL", "I18N_SECTION_SAVE_AS"):
        _check_pattern(key, settings[key])
    for key in ("I18N_SECTION_ARCHIVE_URL", "I18N_SECTION_ARCHIVE_SAVE_AS"):
        _check_pattern(key, settings[key])
    texts = settings["I18N_SITE_TEXT"]
    if not isinstance(texts, dict) or not all(isinstance(v, dict) for v in texts.values()):
        raise ValueError(
            f"I18N_SITE_TEXT has value {texts!r}. Expected a dict such as "
            "{'en': {'SITESUBTITLE': 'The people behind the company write.'}}."
        )
    for template in ("index", "archives"):
        if template in settings.get("DIRECT_TEMPLATES", ()):
            raise ValueError(
                f"DIRECT_TEMPLATES has value {settings['DIRECT_TEMPLATES']!r}. Expected a list "
                f"without {template!r}: site_i18n writes the home and the archive of each "
                "language itself."
            )


def _check_pattern(key: str, value: Any) -> None:
    if not isinstance(value, str) or (value and "{lang}" not in value) or value.startswith("/"):
        raise ValueError(
            f'{key} has value {value!r}. Expected "" or a relative address with {{lang}}, '
            "such as '{lang}/' or '{lang}/index.html'."
        )


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


def interface_for(settings: dict[str, Any], address: str = DEFAULT_ADDRESS) -> Interface:
    """The interface languages of the build: those with a catalog, and English (the msgids)."""
    site_lang = settings["I18N_LOCALE"].split("_")[0]
    catalog_dir = settings["I18N_CATALOG_DIR"]
    locales = {
        lang: locale
        for lang, locale in settings["I18N_CONTENT_LOCALES"].items()
        if lang == "en" or has_catalog(catalog_dir, locale)
    }
    locales[site_lang] = settings["I18N_LOCALE"]
    return Interface(catalog_dir, site_lang, locales, settings["TIMEZONE"], address)


def site_text_for(settings: dict[str, Any], interface: Interface) -> Any:
    """The `site_text(name)` global: a site setting in the page's language (I18N_SITE_TEXT)."""
    texts = settings.get("I18N_SITE_TEXT") or {}

    @pass_context
    def site_text(context: Context, name: str) -> str:
        return str(texts.get(interface.lang_of(context), {}).get(name) or settings.get(name, ""))

    return site_text


def localise_feed(context: dict[str, Any], feed: Any) -> None:
    """A language's feed in that language (Pelican writes it with the site's own texts)."""
    speak_the_feeds_language(context, feed, interface_for(context, site_address(context)))


def install(generator: Any) -> None:
    """Give the generator's Jinja environment gettext and date filters that follow the page."""
    settings = generator.settings
    address = site_address(settings)  # also where a test renders without apply_defaults
    interface = interface_for(settings, address)
    interface.install(generator.env)
    generator.env.globals["site_text"] = site_text_for(settings, interface)
    generator.env.globals["LOCALE"] = settings["I18N_LOCALE"]
    generator.env.globals["ADDRESS"] = address
    generator.env.globals["UI_LANG"] = settings["I18N_LOCALE"].split("_")[0]
    generator.env.globals["content_locale"] = content_locale_for(settings)


def register() -> None:
    """Connect the plugin to Pelican: settings, interface, listings, feeds, then translations."""
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(install)
    signals.get_generators.connect(add_generator)
    signals.feed_generated.connect(localise_feed)
    translations.register()
