"""Slugs from titles, short enough for every path built from them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Characters of a slug made from a title (German titles of 90 characters are common, so the
# cap leaves them their address). File systems allow 255 bytes per name; a post's
# folder, its social card (slug + hash + ".jpg") and its feeds all carry the slug.
SLUG_MAX_LENGTH = 100
# Bytes of a slug in UTF-8: Unicode slugs ("qualität-…" in other scripts) take up to 4 per letter.
_SLUG_MAX_BYTES = 2 * SLUG_MAX_LENGTH


def slugify_title(value: str, settings: Mapping[str, Any]) -> str:
    """The slug Pelican derives from a title or name with the site's settings, before capping."""
    from pelican.utils import slugify

    return str(
        slugify(
            value,
            regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
            preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
            use_unicode=settings["SLUGIFY_USE_UNICODE"],
        )
    )


def capped_slug(slug: str) -> str:
    """The slug cut at the last word boundary that keeps it within the limits."""
    if len(slug) <= SLUG_MAX_LENGTH and len(slug.encode()) <= _SLUG_MAX_BYTES:
        return slug
    cut = slug[:SLUG_MAX_LENGTH]
    while len(cut.encode()) > _SLUG_MAX_BYTES:
        cut = cut[:-1]
    # Cut before a whole word when there is one; a single endless word is cut where it is.
    at_boundary = cut.endswith("-") or slug[len(cut) :].startswith("-")
    boundary = len(cut) if at_boundary else cut.rfind("-")
    if boundary > SLUG_MAX_LENGTH // 2:
        cut = cut[:boundary]
    return cut.strip("-")


def slug_for(value: str, settings: Mapping[str, Any]) -> str:
    """The slug of a post or page titled value: Pelican's slug, capped."""
    return capped_slug(slugify_title(value, settings))
