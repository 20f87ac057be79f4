"""Drop posts whose audience the build does not serve, before any listing sees them."""

from __future__ import annotations

import logging
from typing import Any

from faces_common.content_lists import ARTICLE_LISTS
from faces_common.settings import merge_defaults
from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # Which build this is: "public" (internet) or "internal" (intranet, shows everything).
    "VISIBILITY_AUDIENCE": "public",
    # Metadata values of Visibility: that only the intranet build shows.
    "VISIBILITY_INTERNAL_VALUES": ["internal"],
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate the audience."""
    merge_defaults(pelican.settings, DEFAULTS)
    audience = pelican.settings["VISIBILITY_AUDIENCE"]
    if audience not in ("public", "internal"):
        raise ValueError(
            f"VISIBILITY_AUDIENCE has value {audience!r}. Expected 'public' or 'internal'."
        )


def is_internal(content: Any, settings: dict[str, Any]) -> bool:
    """True if the post or page is meant for the intranet only."""
    value = str(content.metadata.get("visibility", "public")).strip().lower()
    return value in settings["VISIBILITY_INTERNAL_VALUES"]


def drop_internal_articles(generator: Any) -> None:
    """Remove internal posts from every list the article generator keeps."""
    if generator.settings["VISIBILITY_AUDIENCE"] == "internal":
        return
    for name in ARTICLE_LISTS:
        items = getattr(generator, name, None)
        if items:
            kept = [a for a in items if not is_internal(a, generator.settings)]
            if len(kept) != len(items):
                logger.info(
                    "visibility: %d internal item(s) left out of %s", len(items) - len(kept), name
                )
            setattr(generator, name, kept)


def drop_internal_pages(generator: Any) -> None:
    """Remove internal pages from the page generator's lists."""
    if generator.settings["VISIBILITY_AUDIENCE"] == "internal":
        return
    for name in ("pages", "translations", "hidden_pages", "draft_pages"):
        items = getattr(generator, name, None)
        if items:
            kept = [p for p in items if not is_internal(p, generator.settings)]
            setattr(generator, name, kept)
            # The page generator has already published its lists to the shared context.
            if name in generator.context:
                generator.context[name] = kept


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.article_generator_pretaxonomy.connect(drop_internal_articles)
    signals.page_generator_finalized.connect(drop_internal_pages)
