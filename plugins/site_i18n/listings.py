"""The home and the archive of each language, each under its own interface.

The interface's own language has the site's home and archive (INDEX_SAVE_AS, ARCHIVES_SAVE_AS);
every other language with posts gets a section (I18N_SECTION_URL, e.g. `en/`) with its own home
and archive. A post stands in the listings of its language only; its translations stand in theirs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from faces_common.allocator import give_back
from faces_common.receivers import generator_receiver
from pelican.generators import Generator

# The context key under which templates find every language's listings.
LISTINGS_KEY = "I18N_LISTINGS"


@dataclass(frozen=True)
class Listing:
    """Where one language's home and archive live."""

    lang: str
    home_url: str
    home_save_as: str
    archive_url: str
    archive_save_as: str


def published_posts(context: dict[str, Any]) -> list[Any]:
    """Every published post: the originals and the translations that go with them."""
    originals = context.get("articles", [])
    seen = {id(post) for post in originals}
    posts = list(originals)
    for post in originals:
        for other in getattr(post, "translations", []):
            if id(other) not in seen:
                seen.add(id(other))
                posts.append(other)
    return posts


def listings_for(settings: dict[str, Any], langs: set[str]) -> dict[str, Listing]:
    """The listing of the interface's language, then one section per other language with posts."""
    site_lang = settings["I18N_LOCALE"].split("_")[0]
    listings = {
        site_lang: Listing(
            site_lang,
            settings.get("INDEX_URL", ""),
            settings.get("INDEX_SAVE_AS", "index.html"),
            settings.get("ARCHIVES_URL", "archives.html"),
            settings.get("ARCHIVES_SAVE_AS", "archives.html"),
        )
    }
    for lang in sorted(langs - {site_lang}):
        home_save_as = settings["I18N_SECTION_SAVE_AS"].format(lang=lang)
        if not home_save_as:
            continue
        listings[lang] = Listing(
            lang,
            settings["I18N_SECTION_URL"].format(lang=lang),
            home_save_as,
            settings["I18N_SECTION_ARCHIVE_URL"].format(lang=lang),
            settings["I18N_SECTION_ARCHIVE_SAVE_AS"].format(lang=lang),
        )
    return listings


class LanguageListingsGenerator(Generator):
    """Writes the home and the archive of each language."""

    def generate_context(self) -> None:
        """Sort the published posts by language and tell the templates where each listing is."""
        posts = published_posts(self.context)
        self.by_lang: dict[str, list[Any]] = {}
        for post in posts:
            self.by_lang.setdefault(post.lang, []).append(post)
        site_lang = self.settings["I18N_LOCALE"].split("_")[0]
        self.listings = listings_for(self.settings, set(self.by_lang) | {site_lang})
        self.context[LISTINGS_KEY] = self.listings

    def generate_output(self, writer: Any) -> None:
        """Write each language's home (paginated) and archive under its interface."""
        newest_first = self.settings.get("NEWEST_FIRST_ARCHIVES", True)
        for lang, listing in self.listings.items():
            posts = sorted(self.by_lang.get(lang, []), key=attrgetter("date"), reverse=True)
            dates = sorted(posts, key=attrgetter("date"), reverse=newest_first)
            shared = {
                "relative_urls": self.settings["RELATIVE_URLS"],
                "articles": posts,
                "dates": dates,
                "blog": True,
                "UI_LANG": lang,
                "listing": listing,
            }
            pages = [("index", listing.home_save_as, listing.home_url, "index")]
            if listing.archive_save_as:
                archive_name = os.path.splitext(listing.archive_save_as)[0]
                pages.append(
                    ("archives", listing.archive_save_as, listing.archive_url, archive_name)
                )
            for template_name, save_as, url, page_name in pages:
                writer.write_file(
                    save_as,
                    self.get_template(template_name),
                    self.context,
                    template_name=template_name,
                    url=url,
                    page_name=page_name,
                    **shared,
                )
        # An archive lists every post of its language: its page, rendered in many small pieces,
        # leaves free pages behind (10,000 posts: 5 MiB) that the author pages, next, would
        # not reuse.
        give_back()


add_generator = generator_receiver(LanguageListingsGenerator)
