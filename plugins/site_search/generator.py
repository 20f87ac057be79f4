"""The generator that writes the search page."""

from __future__ import annotations

import logging
from typing import Any

from pelican.generators import Generator

from .shards import MANIFEST, plan

logger = logging.getLogger(__name__)

# The author_profiles plugin's context entry: handle -> profile.
PROFILES_KEY = "author_profiles"
# The site_i18n plugin's context entry: language -> its home and archive (languages with posts).
LISTINGS_KEY = "I18N_LISTINGS"
# Where every page's menu finds the search page of its language (plugin.note_search_urls).
URLS_KEY = "SEARCH_URLS"


class SearchPageGenerator(Generator):
    """Write the search page; it reads the index Pagefind writes after the build."""

    def generate_output(self, writer: Any) -> None:
        """Write the page unless SEARCH_SAVE_AS is empty or the preview writes only edits."""
        settings = self.settings
        if settings.get("FAST_PREVIEW_SOURCES") is not None:
            return
        # Every generator has made its context by now: the posts and people are all known.
        shards = plan(settings, self.context, PROFILES_KEY)
        if not settings["SEARCH_SAVE_AS"]:
            return
        # Sharded, the search page opens the list of shards instead of the one index.
        self.context["SEARCH_SHARDS_ADDRESS"] = (
            f"{settings['SEARCH_INDEX_FOLDER']}/{MANIFEST}" if shards > 1 else ""
        )
        pages = search_pages(settings, self.context, self.env.globals.get("UI_LANG"))
        for lang, (save_as, url) in pages.items():
            language = {"UI_LANG": lang} if lang else {}
            writer.write_file(
                save_as,
                self.get_template("search"),
                self.context,
                relative_urls=settings["RELATIVE_URLS"],
                url=url,
                page_name="search",
                search_url=url,
                **language,
            )
            logger.info("search: search page written to %s", save_as)


def search_pages(
    settings: dict[str, Any], context: dict[str, Any], interface_lang: str | None
) -> dict[str | None, tuple[str, str]]:
    """Where each search page goes: the interface's own, then one per other language with posts."""
    pages: dict[str | None, tuple[str, str]] = {
        interface_lang: (settings["SEARCH_SAVE_AS"], settings["SEARCH_URL"])
    }
    if not settings["SEARCH_LANG_SAVE_AS"]:
        return pages
    for lang in context.get(LISTINGS_KEY, {}):
        if lang != interface_lang:
            pages[lang] = (
                settings["SEARCH_LANG_SAVE_AS"].format(lang=lang),
                settings["SEARCH_LANG_URL"].format(lang=lang),
            )
    return pages
