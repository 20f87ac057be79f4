"""The page's lists from post and profile metadata: corrections, image credits, disclosures."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .people import ACTIVE, ALUMNI, Person
from .posts import PostRecord

# Licences people write into credits; anything else is "not stated" (all rights reserved).
# A Creative Commons code wins over the words "public domain" when a credit names both.
_CREATIVE_COMMONS = re.compile(
    r"\b(CC0(?: 1\.0)?|CC BY(?:-(?:SA|ND|NC|NC-SA|NC-ND))?(?: \d\.\d)?)(?![\w-])", re.IGNORECASE
)
_PUBLIC_DOMAIN = re.compile(r"\b(?:public domain|gemeinfrei)\b", re.IGNORECASE)
PUBLIC_DOMAIN = "Public Domain"


@dataclass(frozen=True)
class CorrectionEntry:
    """A line of the corrections log."""

    date: dt.date
    kind: str
    text: str
    post_title: str
    post_url: str


@dataclass(frozen=True)
class Credit:
    """An image and whom it is credited to; `source` is 'post' or 'profile'."""

    source: str
    subject: str  # the image path of a post, the name of a person
    credit: str | None
    licence: str | None
    title: str | None  # the post's title (posts only)
    url: str | None


@dataclass(frozen=True)
class DisclosureEntry:
    """A post marked as sponsored, paid partnership or about own products."""

    kind: str
    title: str
    url: str
    published: dt.date


def corrections_log(posts: Sequence[PostRecord]) -> tuple[CorrectionEntry, ...]:
    """Every correction of every counted post, newest first."""
    entries = [
        CorrectionEntry(c.date, c.kind, c.text, post.title, post.url)
        for post in posts
        for c in post.corrections
    ]
    entries.sort(key=lambda e: (e.post_title.casefold(), e.text))
    entries.sort(key=lambda e: e.date, reverse=True)
    return tuple(entries)


def image_credits(
    posts: Sequence[PostRecord], people: Mapping[str, Person] | None
) -> tuple[Credit, ...]:
    """Credits of post images (newest post first), then of profile photos (by name)."""
    credits = [
        Credit(
            "post", post.image, post.image_credit, licence(post.image_credit), post.title, post.url
        )
        for post in sorted(posts, key=lambda p: p.published, reverse=True)
        if post.image
    ]
    shown = [person for person in (people or {}).values() if has_listed_photo(person)]
    for person in sorted(shown, key=lambda p: p.name.casefold()):
        credits.append(
            Credit(
                "profile",
                person.name,
                person.photo_credit,
                licence(person.photo_credit),
                None,
                person.url,
            )
        )
    return tuple(credits)


def licence(credit: str | None) -> str | None:
    """The licence named in a credit line as a code ('CC BY 4.0', 'CC0 1.0', 'Public Domain')."""
    code = _CREATIVE_COMMONS.search(credit or "")
    if code:
        return code[1].upper()
    return PUBLIC_DOMAIN if _PUBLIC_DOMAIN.search(credit or "") else None


def disclosures(posts: Sequence[PostRecord]) -> tuple[DisclosureEntry, ...]:
    """Posts with a `Disclosure:` value, newest first."""
    entries = [
        DisclosureEntry(post.disclosure, post.title, post.url, post.published.date())
        for post in posts
        if post.disclosure
    ]
    return tuple(sorted(entries, key=lambda e: e.published, reverse=True))


def has_listed_photo(person: Person) -> bool:
    """True for a profile whose photo the site shows (active or alumni; never removed)."""
    return person.has_photo and person.status in (ACTIVE, ALUMNI)
