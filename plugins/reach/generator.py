"""The generator that publishes the reach figures and writes the manifest of countable pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from faces_common.jsonfiles import write_json
from pelican.generators import Generator

from .data import DataError, ViewData, read_view_data
from .export import figures_document, page_titles
from .figures import compute_reach
from .pages import countable, manifest

logger = logging.getLogger(__name__)

# Context key the templates read: a figures.Reach, or None when there is nothing to show.
CONTEXT_KEY = "reach"


class ReachGenerator(Generator):
    """Put the figures into context['reach'] and on each post; write reach/manifest.json."""

    def generate_context(self) -> None:
        """Compute the figures before any page is written: every template may show them."""
        settings = self.settings
        self.context[CONTEXT_KEY] = None
        if settings["REACH_ENDPOINT"] is None:
            return
        pages = list(countable(self.context))
        for page in pages:
            page.content.reach_path = page.path
        data = self._data()
        if data is None:
            return
        reach = compute_reach(
            data,
            pages,
            self.context.get("author_profiles"),
            window_days=settings["REACH_WINDOW_DAYS"],
            months=settings["REACH_MONTHS"],
            top_posts=settings["REACH_TOP_POSTS"],
            locale=settings.get("I18N_LOCALE") or settings["DEFAULT_LANG"],
            today=dt.datetime.now(ZoneInfo(settings["TIMEZONE"])).date(),
        )
        figures = settings["REACH_FIGURES_SAVE_AS"] or None
        reach = dataclasses.replace(reach, privacy_url=self._privacy_url(), figures_url=figures)
        for page in pages:
            page.content.reach = reach.counts(page.path)
        self.context[CONTEXT_KEY] = reach
        logger.info(
            "reach: %s views of %s pages up to %s", reach.total, len(reach.paths), reach.as_of
        )

    def generate_output(self, writer: Any) -> None:
        """Write the countable pages for the backend and the figures for download."""
        settings = self.settings
        if settings["REACH_ENDPOINT"] is None or settings.get("FAST_PREVIEW_SOURCES") is not None:
            # A fast preview rebuild sees only the edited post; the full build follows.
            return
        pages = list(countable(self.context))
        path = os.path.join(self.output_path, settings["REACH_MANIFEST_SAVE_AS"])
        write_json(Path(path), manifest(pages, dt.datetime.now(dt.UTC)), sort_keys=False)
        logger.info("reach: %s lists %d countable pages", path, len(pages))
        reach = self.context.get(CONTEXT_KEY)
        if reach is not None and reach.figures_url:
            figures = os.path.join(self.output_path, reach.figures_url)
            write_json(Path(figures), figures_document(reach, page_titles(pages)), sort_keys=False)

    def _privacy_url(self) -> str | None:
        slug, _, section = self.settings["REACH_PRIVACY_PAGE"].partition("#")
        if not slug:
            return None
        for page in self.context.get("pages", []):
            if page.slug == slug:
                return f"{page.url}#{section}" if section else page.url
        logger.warning(
            "reach: there is no page with the slug '%s' to explain the counting; add "
            "content/pages/%s.md or change REACH_PRIVACY_PAGE",
            slug,
            slug,
        )
        return None

    def _data(self) -> ViewData | None:
        path = os.path.join(self.settings["PATH"], self.settings["REACH_DATA_PATH"])
        try:
            return read_view_data(path)
        except DataError as error:
            logger.error("reach: cannot use the pulled view counts: %s", error)
            return None
