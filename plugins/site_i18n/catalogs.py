"""Load gettext catalogs from .po files with Babel, compiling them in memory."""

from __future__ import annotations

import functools
import io
import logging
import os

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> Translations:
    with open(path, "rb") as po_file:
        catalog = read_po(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def has_catalog(catalog_dir: str, locale: str) -> bool:
    """True if the folder holds a catalog for the locale or its language."""
    return any(
        os.path.exists(os.path.join(catalog_dir, candidate, "LC_MESSAGES", "messages.po"))
        for candidate in (locale, locale.split("_")[0])
    )


def load_translations(catalog_dir: str, locale: str) -> NullTranslations:
    """Return the translations for the locale, falling back from de_CH to de."""
    for candidate in (locale, locale.split("_")[0]):
        path = os.path.join(catalog_dir, candidate, "LC_MESSAGES", "messages.po")
        if os.path.exists(path):
            return _load(path, os.path.getmtime(path))
    if not locale.startswith("en"):
        logger.warning(
            "site_i18n: no catalog for %s in %s; the interface stays English", locale, catalog_dir
        )
    return NullTranslations()
