"""Who writes: authors by status, posts by department and by level."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .people import ACTIVE, ALUMNI, Catalog, Person
from .posts import PostRecord


@dataclass(frozen=True)
class Count:
    """Posts of one group; key and label are None for "not known" (no profile)."""

    key: str | None
    label: str | None
    value: int


@dataclass(frozen=True)
class Authorship:
    """Who writes the counted posts; the profile-based figures are None without profiles."""

    writers: int
    active: int | None
    alumni: int | None
    by_department: tuple[Count, ...] | None
    by_level: tuple[Count, ...] | None
    departments_represented: int | None
    departments_total: int | None
    # Posts written by their authors alone, and with help (as told to, interview).
    own_posts: int = 0
    helped_posts: int = 0
    # Guests (people outside the company) among the writers; None without profiles.
    guests: int | None = None


def groups_of(post: PostRecord, people: Mapping[str, Person], attribute: str) -> list[str | None]:
    """The distinct departments (or levels) of a post's authors; None for an unknown one.

    Guests (people outside the company) belong to none: the page counts them apart.
    """
    groups: dict[str | None, None] = {}
    for handle in post.authors:
        person = people.get(handle)
        if person is not None and person.is_guest:
            continue
        # Someone removed at their request is anonymous on the site; their group would
        # point back to them, so their posts count as "not known", like author_profiles shows.
        groups[getattr(person, attribute) if person and person.shown else None] = None
    return list(groups)


def authorship_figures(
    posts: Sequence[PostRecord],
    people: Mapping[str, Person] | None,
    departments: Catalog | None,
    levels: Catalog | None,
) -> Authorship:
    """Count writers and posts per department and level (a post counts once per group)."""
    writers = {handle for post in posts for handle in post.authors}
    helped = sum(1 for post in posts if post.helped)
    own = len(posts) - helped
    if people is None:
        return Authorship(len(writers), None, None, None, None, None, None, own, helped)
    # Guests never worked here: they are neither "still with us" nor alumni.
    statuses = Counter(people[h].status for h in writers if h in people and not people[h].is_guest)
    all_departments = _catalog(departments, people, "department")
    by_department = _counts(posts, people, "department", all_departments)
    represented = sum(1 for c in by_department if c.key is not None and c.value)
    return Authorship(
        writers=len(writers),
        active=statuses[ACTIVE],
        alumni=statuses[ALUMNI],
        by_department=by_department,
        by_level=_counts(posts, people, "level", _catalog(levels, people, "level")),
        departments_represented=represented,
        departments_total=len(all_departments),
        own_posts=own,
        helped_posts=helped,
        guests=sum(1 for h in writers if h in people and people[h].is_guest),
    )


def _catalog(
    catalog: Catalog | None, people: Mapping[str, Person], attribute: str
) -> dict[str, str]:
    """Every group in order: the settings' catalog first, then groups only profiles name."""
    from_profiles: dict[str, str] = {}
    for person in people.values():
        key = getattr(person, attribute)
        if key:
            from_profiles.setdefault(key, getattr(person, f"{attribute}_label") or key)
    labels = dict(catalog.labels) if catalog else {}
    for key, label in labels.items():
        # A catalog given as a plain list of keys has no labels of its own.
        if label == key and key in from_profiles:
            labels[key] = from_profiles[key]
    extra = sorted(
        (k for k in from_profiles if k not in labels), key=lambda k: from_profiles[k].casefold()
    )
    labels.update((key, from_profiles[key]) for key in extra)
    return labels


def _counts(
    posts: Sequence[PostRecord],
    people: Mapping[str, Person],
    attribute: str,
    labels: Mapping[str, str],
) -> tuple[Count, ...]:
    counts = Counter(group for post in posts for group in groups_of(post, people, attribute))
    rows = [Count(key, label, counts.get(key, 0)) for key, label in labels.items()]
    if counts.get(None):
        rows.append(Count(None, None, counts[None]))
    return tuple(rows)
