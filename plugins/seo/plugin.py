"""Collect written pages and add the sitemap generator."""

from __future__ import annotations

import os
from typing import Any

from faces_common.receivers import generator_receiver
from faces_common.settings import merge_defaults
from pelican import signals

from .generator import WRITTEN_KEY, SitemapGenerator

DEFAULTS: dict[str, Any] = {
    # Absolute base URL for sitemap entries when SITEURL is relative (the local preview).
    "SEO_FALLBACK_URL": "http://127.0.0.1:8000",
    # Output paths (glob patterns, relative to the output folder) never listed in the sitemap.
    "SEO_SITEMAP_EXCLUDE": ["404.html", "*/seite/*", "entwuerfe/*", "feeds/*"],
    # Path prefixes that robots.txt asks crawlers to skip.
    "SEO_ROBOTS_DISALLOW": [],
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once."""
    merge_defaults(pelican.settings, DEFAULTS)
    if not isinstance(pelican.settings["SEO_SITEMAP_EXCLUDE"], list | tuple):
        raise ValueError(
            f"SEO_SITEMAP_EXCLUDE has value {pelican.settings['SEO_SITEMAP_EXCLUDE']!r}. "
            "Expected a list of glob patterns."
        )


add_generator = generator_receiver(SitemapGenerator)


def remember_written(path: str, context: dict[str, Any]) -> None:
    """Note each page the writer produced, unless its template asked for noindex."""
    written = context.get(WRITTEN_KEY)
    if written is not None and path.endswith(".html") and not context.get("noindex"):
        written.append(os.path.abspath(path))


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(remember_written)
