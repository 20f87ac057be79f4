"""What a profile is once read: the person, the sizes of their photo, the rules it is read by."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from faces_common.messages import messages_lang
from markupsafe import Markup


@dataclass(frozen=True)
class PhotoFile:
    """One size of a processed photo: addresses relative to the site root."""

    size: int
    webp: str
    jpeg: str


@dataclass(frozen=True)
class AuthorProfile:
    """One person as the site shows them; what they did not consent to is left empty."""

    handle: str
    name: str
    role: str
    department: str | None
    department_label: str
    level: str | None
    level_label: str
    location: str
    languages: list[str]
    joined: dt.date | None
    ask_me_about: list[str]
    links: list[tuple[str, str]]
    status: str
    is_editor: bool
    consent: bool
    consent_date: dt.date | None
    photo_credit: str | None
    has_photo: bool
    url: str | None
    source_path: str
    bio: Markup = field(default_factory=Markup)
    bio_summary: str = ""
    avatar_svg: Markup = field(default_factory=Markup)
    photos: tuple[PhotoFile, ...] = ()
    feed_url: str | None = None
    social_card: str | None = None
    # The photo named in the profile, before processing; None when it must not be shown.
    photo_source: str | None = field(default=None, repr=False)
    photo_focus: tuple[float, float] | None = field(default=None, repr=False)
    photo_line: int = field(default=0, repr=False)
    # Someone outside the company (a customer, a partner): marked as a guest wherever shown.
    is_guest: bool = False
    organisation: str = ""

    @property
    def is_active(self) -> bool:
        """Works here now: on the faces wall, with photo."""
        return self.status == "active"

    @property
    def editor(self) -> bool:
        """Same as is_editor (the name the profile field has)."""
        return self.is_editor

    @property
    def is_alumni(self) -> bool:
        """Has left: the page stays (noindex), initials instead of the photo."""
        return self.status == "alumni"

    def photo_for(self, pixels: int) -> PhotoFile | None:
        """The smallest size sharp at twice `pixels` (the fallback image), else the largest."""
        if not self.photos:
            return None
        return next((p for p in self.photos if p.size >= 2 * pixels), self.photos[-1])


@dataclass(frozen=True)
class ProfileRules:
    """What the settings say about profiles."""

    departments: Mapping[str, str]
    levels: Mapping[str, str]
    lang: str
    author_url: str
    markdown: Mapping[str, Any]
    slug_substitutions: list[tuple[str, str]]


def rules_from_settings(settings: Mapping[str, Any]) -> ProfileRules:
    """Collect the settings profiles are read with; an unset list of choices allows any value."""
    lang = messages_lang(settings)
    return ProfileRules(
        departments=settings.get("AUTHORS_DEPARTMENTS") or {},
        levels=settings.get("AUTHORS_LEVELS") or {},
        lang=lang,
        author_url=settings.get("AUTHOR_URL") or "author/{slug}/",
        markdown=settings.get("MARKDOWN", {}),
        slug_substitutions=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
    )
