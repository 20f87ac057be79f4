"""The generator that writes the search page."""

from __future__ import annotations

import logging
from typing import Any

from pelican.generators import Generator

logger = logging.getLogger(__name__)


class SearchPageGenerator(Generator):
    """Write the search page; it reads the index Pagefind writes after the build."""

    def generate_output(self, writer: Any) -> None:
        """Write the page unless SEARCH_SAVE_AS is empty or the preview writes only edits."""
        settings = self.settings
        if not settings["SEARCH_SAVE_AS"] or settings.get("FAST_PREVIEW_SOURCES") is not None:
            return
        writer.write_file(
            settings["SEARCH_SAVE_AS"],
            self.get_template("search"),
            self.context,
            relative_urls=settings["RELATIVE_URLS"],
            url=settings["SEARCH_URL"],
            page_name="search",
        )
        logger.info("search: search page written to %s", settings["SEARCH_SAVE_AS"])
