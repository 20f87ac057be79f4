"""The generator that writes sitemap.xml and robots.txt after the pages are written."""

from __future__ import annotations

import fnmatch
import logging
import os
from typing import Any

from faces_common.allocator import give_back
from pelican.generators import Generator

from .sitemap import render_robots, render_sitemap

logger = logging.getLogger(__name__)

# Key of the shared context list that content_written fills; the context is shared by
# every generator and shallow-copied per page, so the list is the same object everywhere.
WRITTEN_KEY = "_seo_written_pages"


class SitemapGenerator(Generator):
    """Write sitemap.xml and robots.txt listing every indexable written page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context[WRITTEN_KEY] = []

    def generate_output(self, writer: Any) -> None:
        """Write both files into the output folder."""
        output = os.path.abspath(self.output_path)
        base_url = self.settings["SITEURL"] or self.settings["SEO_FALLBACK_URL"]
        excluded = self.settings["SEO_SITEMAP_EXCLUDE"]
        urls = []
        for path in sorted(set(self.context[WRITTEN_KEY])):
            relative = os.path.relpath(path, output).replace(os.sep, "/")
            if any(fnmatch.fnmatch(relative, pattern) for pattern in excluded):
                continue
            page = relative.removesuffix("index.html")
            urls.append(f"{base_url.rstrip('/')}/{page}")
        _write(os.path.join(output, "sitemap.xml"), render_sitemap(urls))
        robots = render_robots(
            f"{base_url.rstrip('/')}/sitemap.xml",
            [_prefixed(self.settings["SITEURL"], p) for p in self.settings["SEO_ROBOTS_DISALLOW"]],
        )
        _write(os.path.join(output, "robots.txt"), robots)
        logger.info("seo: sitemap.xml lists %d pages", len(urls))
        del urls
        # The sitemap's text and every page's address are freed now: at 10,000 posts 4 MiB of
        # free pages that malloc would keep through the end of the build (the check, the index).
        give_back()


def _prefixed(site_url: str, path: str) -> str:
    # robots.txt paths are absolute from the host, so a site under /blog/ needs the prefix.
    from urllib.parse import urlsplit

    prefix = urlsplit(site_url).path.rstrip("/") if site_url else ""
    return f"{prefix}{path}"


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
