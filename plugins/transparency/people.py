"""Read the author profiles that the author_profiles plugin publishes, when it is enabled."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ACTIVE = "active"
ALUMNI = "alumni"
REMOVED = "removed"


@dataclass(frozen=True)
class Person:
    """The parts of a profile the figures use."""

    handle: str
    name: str
    department: str | None = None
    department_label: str | None = None
    level: str | None = None
    level_label: str | None = None
    status: str = ACTIVE
    is_editor: bool = False
    photo_credit: str | None = None
    has_photo: bool = False
    url: str | None = None
    is_guest: bool = False  # from outside the company (a customer, a partner)

    @property
    def shown(self) -> bool:
        """True if the person may be named on the site (not removed at their request)."""
        return self.status != REMOVED


@dataclass(frozen=True)
class Catalog:
    """Keys and labels in their intended order (departments or levels)."""

    labels: dict[str, str]


def read_people(context: Mapping[str, Any]) -> dict[str, Person] | None:
    """Profiles by handle, or None when no plugin published any."""
    profiles = context.get("author_profiles")
    if profiles is None:
        return None
    people = {}
    for handle, profile in profiles.items():
        people[handle] = Person(
            handle=handle,
            name=str(getattr(profile, "name", None) or handle),
            department=getattr(profile, "department", None) or None,
            department_label=getattr(profile, "department_label", None) or None,
            level=getattr(profile, "level", None) or None,
            level_label=getattr(profile, "level_label", None) or None,
            status=getattr(profile, "status", ACTIVE) or ACTIVE,
            is_editor=bool(getattr(profile, "is_editor", False)),
            is_guest=bool(getattr(profile, "is_guest", False)),
            photo_credit=getattr(profile, "photo_credit", None) or None,
            has_photo=bool(getattr(profile, "has_photo", False)),
            url=getattr(profile, "url", None) or None,
        )
    return people


def read_catalog(settings: Mapping[str, Any], key: str) -> Catalog | None:
    """An ordered key → label mapping from the settings (AUTHORS_DEPARTMENTS, AUTHORS_LEVELS)."""
    value = settings.get(key)
    if not value:
        return None
    if isinstance(value, Mapping):
        return Catalog({str(k): str(label) for k, label in value.items()})
    # A plain list of keys gives the order without labels.
    return Catalog({str(k): str(k) for k in value})
