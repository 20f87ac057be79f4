"""The faces wall: active people grouped by department, and one page per filter."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .profiles import AuthorProfile


@dataclass(frozen=True)
class WallFilter:
    """A link of the filter navigation: one department or one level."""

    kind: str  # "department", "level", "guest" or "topic"
    key: str
    label: str
    count: int
    url: str
    save_as: str


@dataclass(frozen=True)
class WallGroup:
    """The people of one department; key None: department not listed; GUESTS: the guests."""

    key: str | None
    label: str
    people: tuple[AuthorProfile, ...]


@dataclass(frozen=True)
class WallPage:
    """One written page of the wall: everyone, or the people matching one filter."""

    url: str
    save_as: str
    groups: tuple[WallGroup, ...]
    departments: tuple[WallFilter, ...]
    levels: tuple[WallFilter, ...]
    active: WallFilter | None = None
    guests: tuple[WallFilter, ...] = ()
    topics: tuple[WallFilter, ...] = ()
    # Handle -> slugs of the topics (tags) the person has written about.
    person_topics: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def shows(self, person: AuthorProfile) -> bool:
        """Whether the person matches this page's filter."""
        if self.active is None:
            return True
        if self.active.kind == "topic":
            return self.active.key in self.person_topics.get(person.handle, ())
        return filter_value(person, self.active.kind) == self.active.key

    def topics_of(self, person: AuthorProfile) -> str:
        """The person's topic slugs offered as filters, space-separated (for the script)."""
        offered = {f.key for f in self.topics}
        return " ".join(sorted(offered & self.person_topics.get(person.handle, frozenset())))

    def count(self, group: WallGroup | None = None) -> int:
        """People shown on this page, in one group or in all."""
        groups = self.groups if group is None else (group,)
        return sum(1 for g in groups for person in g.people if self.shows(person))

    @property
    def total(self) -> int:
        """Everyone on the wall, shown or not."""
        return sum(len(group.people) for group in self.groups)


# The key of the guests' group and of their filter ("guest" = "yes").
GUESTS = "guests"
GUEST_KEY = "yes"


def filter_value(person: AuthorProfile, kind: str) -> str | None:
    """The person's value for a filter kind: their department, level, or 'yes' for a guest."""
    if kind == "guest":
        return GUEST_KEY if person.is_guest else ""
    value: str | None = getattr(person, kind)
    return value


def sort_key(name: str) -> str:
    """Alphabetical order that puts 'Ćevapi' next to 'Cevapi'."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def build_wall(
    profiles: Iterable[AuthorProfile],
    settings: Mapping[str, Any],
    topics: Mapping[str, Mapping[str, str]] | None = None,
) -> list[WallPage]:
    """Return the wall with everyone first, then one page per department, level and topic.

    topics: handle -> {tag slug: tag name} of the topics each person has written about.
    """
    people = sorted((p for p in profiles if p.is_active), key=lambda p: sort_key(p.name))
    departments: Mapping[str, str] = settings["AUTHORS_DEPARTMENTS"]
    levels: Mapping[str, str] = settings["AUTHORS_LEVELS"]

    staff = [p for p in people if not p.is_guest]
    groups = [
        WallGroup(key, str(label), tuple(p for p in staff if p.department == key))
        for key, label in departments.items()
    ]
    unlisted = tuple(p for p in staff if p.department not in departments)
    if unlisted:
        groups.append(WallGroup(None, "", unlisted))
    guests = tuple(p for p in people if p.is_guest)
    guest_label = str(settings["AUTHORS_GUESTS_LABEL"])
    # Guests last, in a group of their own: they belong to no department of the company.
    groups.append(WallGroup(GUESTS, guest_label, guests))
    groups = [group for group in groups if group.people]

    def filters(kind: str, choices: Mapping[str, str]) -> tuple[WallFilter, ...]:
        url = settings[f"AUTHORS_{kind.upper()}_URL"]
        save_as = settings[f"AUTHORS_{kind.upper()}_SAVE_AS"]
        found = []
        for key, label in choices.items():
            count = sum(1 for p in people if filter_value(p, kind) == key)
            if count:
                found.append(
                    WallFilter(
                        kind, key, str(label), count, url.format(key=key), save_as.format(key=key)
                    )
                )
        return tuple(found)

    department_filters = filters("department", departments)
    level_filters = filters("level", levels)
    guest_filters = filters("guest", {GUEST_KEY: guest_label})
    person_topics = {handle: frozenset(written) for handle, written in (topics or {}).items()}
    everyone = WallPage(
        settings["AUTHORS_URL"],
        settings["AUTHORS_WALL_SAVE_AS"],
        tuple(groups),
        department_filters,
        level_filters,
        guests=guest_filters,
        topics=topic_filters(people, topics or {}, settings),
        person_topics=person_topics,
    )
    return [
        everyone,
        *(
            replace(everyone, url=f.url, save_as=f.save_as, active=f)
            for f in (*department_filters, *level_filters, *guest_filters, *everyone.topics)
        ),
    ]


def topic_filters(
    people: list[AuthorProfile],
    topics: Mapping[str, Mapping[str, str]],
    settings: Mapping[str, Any],
) -> tuple[WallFilter, ...]:
    """The topics enough people on the wall write about, in alphabetical order."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for person in people:
        for slug, name in topics.get(person.handle, {}).items():
            counts[slug] = counts.get(slug, 0) + 1
            names[slug] = name
    least = settings["AUTHORS_WALL_TOPIC_PEOPLE"]
    chosen = sorted(
        (slug for slug, count in counts.items() if least and count >= least),
        key=lambda slug: sort_key(names[slug]),
    )
    url, save_as = settings["AUTHORS_TOPIC_URL"], settings["AUTHORS_TOPIC_SAVE_AS"]
    return tuple(
        WallFilter("topic", s, names[s], counts[s], url.format(key=s), save_as.format(key=s))
        for s in chosen
    )
