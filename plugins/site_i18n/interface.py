"""The interface language of each page: gettext and date filters that follow the page's `UI_LANG`.

One Jinja environment renders every page of a build. Instead of installing one catalog for all
of them, the gettext callables and the date filters read `UI_LANG` from the context of the page
being rendered: a template (or a generator) sets it, and everything it includes follows. Macros
imported without context see only the site's own interface language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from babel.support import NullTranslations
from faces_common.voice import DEFAULT_ADDRESS
from jinja2 import pass_context
from jinja2.runtime import Context

from .catalogs import load_translations
from .dates import make_filters

DATE_FILTERS = ("date", "datetime", "isodate", "month")


@dataclass
class Interface:
    """The catalogs and date filters of every interface language a build may show."""

    catalog_dir: str
    site_lang: str  # the interface language of pages that do not say otherwise
    locales: Mapping[str, str]  # language -> Babel locale, e.g. {"de": "de_CH", "en": "en_GB"}
    timezone: str
    address: str = DEFAULT_ADDRESS  # how German texts address the reader: "Sie" or "du"
    _translations: dict[str, NullTranslations] = field(default_factory=dict)
    _filters: dict[str, dict[str, Callable[..., str]]] = field(default_factory=dict)

    def lang_of(self, context: Context) -> str:
        """The interface language of the page being rendered."""
        lang = context.resolve("UI_LANG")
        return lang if isinstance(lang, str) and lang in self.locales else self.site_lang

    def interface_lang(self, content_lang: Any) -> str:
        """The interface language for content in `content_lang`: its own if we have it."""
        return content_lang if content_lang in self.locales else self.site_lang

    def locale(self, lang: str) -> str:
        """The Babel locale of an interface language."""
        return self.locales.get(lang, self.locales[self.site_lang])

    def translations(self, lang: str) -> NullTranslations:
        """The catalog of one language, loaded on first use."""
        if lang not in self._translations:
            self._translations[lang] = load_translations(
                self.catalog_dir, self.locale(lang), self.address
            )
        return self._translations[lang]

    def filters(self, lang: str) -> dict[str, Callable[..., str]]:
        """The date filters of one language, made on first use."""
        if lang not in self._filters:
            self._filters[lang] = make_filters(self.locale(lang), self.timezone)
        return self._filters[lang]

    def date_in(self, content_lang: str) -> Callable[..., str]:
        """The `date` filter of the interface for content in `content_lang`, for plugins."""
        return self.filters(self.interface_lang(content_lang))["date"]

    def language_name(self, lang: str) -> str:
        """The language's name in that language, e.g. "Deutsch", "English"."""
        return Locale.parse(self.locale(lang)).get_language_name(lang) or lang

    def install(self, env: Any) -> None:
        """Give the environment context-aware gettext, date filters and language helpers."""
        env.install_gettext_callables(
            self._gettext(),
            self._ngettext(),
            newstyle=True,
            pgettext=self._pgettext(),
            npgettext=self._npgettext(),
        )
        for name in DATE_FILTERS:
            env.filters[name] = self._date_filter(name)
        env.globals["interface_lang"] = self.interface_lang
        env.globals["language_name"] = self.language_name
        env.globals["interface_locale"] = self._interface_locale()
        env.globals["date_in"] = self.date_in

    def _gettext(self) -> Callable[..., str]:
        @pass_context
        def gettext(context: Context, message: str) -> str:
            return self.translations(self.lang_of(context)).ugettext(message)

        return gettext

    def _ngettext(self) -> Callable[..., str]:
        @pass_context
        def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
            return self.translations(self.lang_of(context)).ungettext(singular, plural, count)

        return ngettext

    def _pgettext(self) -> Callable[..., str]:
        @pass_context
        def pgettext(context: Context, message_context: str, message: str) -> str:
            return self.translations(self.lang_of(context)).upgettext(message_context, message)

        return pgettext

    def _npgettext(self) -> Callable[..., str]:
        @pass_context
        def npgettext(
            context: Context, message_context: str, singular: str, plural: str, count: int
        ) -> str:
            translations = self.translations(self.lang_of(context))
            return translations.unpgettext(message_context, singular, plural, count)

        return npgettext

    def _date_filter(self, name: str) -> Callable[..., str]:
        @pass_context
        def date_filter(context: Context, value: Any, *args: Any) -> str:
            return self.filters(self.lang_of(context))[name](value, *args)

        return date_filter

    def _interface_locale(self) -> Callable[..., str]:
        @pass_context
        def interface_locale(context: Context) -> str:
            return self.locale(self.lang_of(context))

        return interface_locale
