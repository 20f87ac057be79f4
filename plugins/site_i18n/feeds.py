"""Each language's feed speaks its language: title, subtitle, `xml:lang` and home link.

Pelican writes the feeds per language (TRANSLATION_FEED_ATOM, TRANSLATION_FEED_RSS) with the
site's own texts, so the English feed would carry the German subtitle. Before a feed is written,
`feed_generated` lets us give it the texts of its language (I18N_SITE_TEXT, the theme's catalog)
and link it to that language's home instead of the site's.
"""

from __future__ import annotations

from typing import Any

from .interface import Interface
from .listings import LISTINGS_KEY, Listing


def feed_language(context: dict[str, Any], feed_url: str) -> str | None:
    """The language whose per-language feed lives at `feed_url`, or None for any other feed."""
    for lang in context.get(LISTINGS_KEY, {}):
        for key in ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS"):
            pattern = context.get(f"{key}_URL") or context.get(key)
            if not pattern:
                continue
            address = str(pattern).format(lang=lang)
            if feed_url == address or feed_url.endswith("/" + address):
                return lang
    return None


def speak_the_feeds_language(context: dict[str, Any], feed: Any, interface: Interface) -> None:
    """Give a language's feed the title, subtitle and home link of that language."""
    lang = feed_language(context, str(feed.feed.get("feed_url") or ""))
    if lang is None:
        return
    posts_in = interface.translations(lang).ugettext("Posts in %(language)s")
    heading = posts_in % {"language": interface.language_name(lang)}
    texts = (context.get("I18N_SITE_TEXT") or {}).get(lang, {})
    subtitle = texts.get("SITESUBTITLE") or context.get("SITESUBTITLE") or None
    listing: Listing = context[LISTINGS_KEY][lang]
    site_home = str(feed.feed["link"])  # Pelican's: the site's address and a slash
    home = site_home + listing.home_url
    feed.feed.update(
        title=f"{context['SITENAME']} – {heading}",
        subtitle=subtitle,
        description=subtitle or "",
        language=lang,
        link=home,
        id=home,  # each language's feed its own identity, as Atom asks
    )
