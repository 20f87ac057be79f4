"""Load gettext catalogs from .po files with Babel, compiling them in memory.

The catalog of a locale is its language's catalog (`de`), overlaid for I18N_ADDRESS = "du" by
`de@du` (only the texts that address the reader) and, for Swiss locales, respelled (ß -> ss,
„“ -> «») when it is loaded: every text is written once, in one file.
"""

from __future__ import annotations

import functools
import io
import logging
import os

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from faces_common.voice import DEFAULT_ADDRESS, is_swiss, swiss_spelling, variant

logger = logging.getLogger(__name__)


def catalog_path(catalog_dir: str, name: str) -> str:
    """Where the catalog of a language or variant ("de", "de@du") lives."""
    return os.path.join(catalog_dir, name, "LC_MESSAGES", "messages.po")


def read_catalog(path: str) -> Catalog:
    """Read one .po file."""
    with open(path, "rb") as po_file:
        return read_po(po_file)


def respell_swiss(catalog: Catalog) -> None:
    """Write every translation of the catalog in Swiss spelling, in place."""
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.string, str):
            message.string = swiss_spelling(message.string)
        elif message.string:
            message.string = tuple(swiss_spelling(form) for form in message.string)


@functools.lru_cache(maxsize=8)
def _load(
    path: str, mtime: float, overlay: str | None, overlay_mtime: float, swiss: bool
) -> Translations:
    catalog = read_catalog(path)
    if overlay is not None:
        for message in read_catalog(overlay):
            if message.id and message.string:
                # Not `catalog[id] = message`: Babel keeps an existing message's translation.
                catalog.delete(message.id)
                catalog[message.id] = message
    if swiss:
        respell_swiss(catalog)
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


def load_translations(
    catalog_dir: str, locale: str, address: str = DEFAULT_ADDRESS
) -> NullTranslations:
    """Return the translations for the locale and form of address (de_CH falls back to de)."""
    for candidate in (locale, locale.split("_")[0]):
        path = catalog_path(catalog_dir, candidate)
        if os.path.exists(path):
            overlay = catalog_path(catalog_dir, variant(candidate, address))
            has_overlay = overlay != path and os.path.exists(overlay)
            return _load(
                path,
                os.path.getmtime(path),
                overlay if has_overlay else None,
                os.path.getmtime(overlay) if has_overlay else 0.0,
                is_swiss(locale) and not is_swiss(candidate),
            )
    if not locale.startswith("en"):
        logger.warning(
            "site_i18n: no catalog for %s in %s; the interface stays English", locale, catalog_dir
        )
    return NullTranslations()
