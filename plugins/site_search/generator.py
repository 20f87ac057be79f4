"""The generator that writes the search page."""

from __future__ import annotations

import logging
from typing import Any

from pelican.generators import Generator

from .shards import MANIFEST, plan

logger = logging.getLogger(__name__)

# The author_profiles plugin's context entry: handle -> profile.
PROFILES_KEY = "author_profiles"


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
        writer.write_file(
            settings["SEARCH_SAVE_AS"],
            self.get_template("search"),
            self.context,
            relative_urls=settings["RELATIVE_URLS"],
            url=settings["SEARCH_URL"],
            page_name="search",
        )
        logger.info("search: search page written to %s", settings["SEARCH_SAVE_AS"])
