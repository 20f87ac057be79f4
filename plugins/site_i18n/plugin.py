"""Install Babel translations and date filters into every Jinja environment."""

from __future__ import annotations

import logging
import os
from typing import Any

from pelican import signals

from .catalogs import load_translations
from .dates import make_filters

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # Babel locale for the interface and for dates, e.g. "de_CH", "de_DE", "en_GB".
    "I18N_LOCALE": "de_CH",
    # Folder with <lang>/LC_MESSAGES/messages.po; None means "<THEME>/translations".
    "I18N_CATALOG_DIR": None,
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and check the locale."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if settings["I18N_CATALOG_DIR"] is None:
        settings["I18N_CATALOG_DIR"] = os.path.join(settings["THEME"], "translations")
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(settings["I18N_LOCALE"])
    except (ValueError, UnknownLocaleError):
        raise ValueError(
            f"I18N_LOCALE has value {settings['I18N_LOCALE']!r}. "
            "Expected a locale such as 'de_CH', 'de_DE' or 'en_GB'."
        ) from None


def install(generator: Any) -> None:
    """Give the generator's Jinja environment gettext and the date filters."""
    settings = generator.settings
    translations = load_translations(settings["I18N_CATALOG_DIR"], settings["I18N_LOCALE"])
    generator.env.install_gettext_translations(translations, newstyle=True)
    generator.env.filters.update(make_filters(settings["I18N_LOCALE"], settings["TIMEZONE"]))
    generator.env.globals["LOCALE"] = settings["I18N_LOCALE"]
    generator.env.globals["UI_LANG"] = settings["I18N_LOCALE"].split("_")[0]


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(install)
