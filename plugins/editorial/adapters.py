"""People and polls for checks and new-post: the one caller of author_profiles and idea_polls."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from faces_common.problems import Problem

# Where profiles live when the author_profiles plugin (setting AUTHORS_DIR) is not loaded.
PROFILES_FOLDER = "authors"


def employee_profile_fields() -> tuple[str, ...]:
    """The header fields of an employee's profile, in the order author_profiles writes them."""
    from author_profiles import EMPLOYEE_PROFILE_FIELDS

    return EMPLOYEE_PROFILE_FIELDS


@dataclass(frozen=True)
class Person:
    """What the editorial checks need to know about someone with a profile."""

    handle: str
    name: str
    editor: bool
    status: str


@dataclass(frozen=True)
class PollRef:
    """A poll's id and the line of the post it is declared on."""

    id: str
    line: int


def profiles_folder(settings: Mapping[str, Any]) -> Path:
    """The folder of the profiles, content/authors/ by default."""
    return Path(settings["PATH"], settings.get("AUTHORS_DIR") or PROFILES_FOLDER)


@dataclass(frozen=True)
class Registry:
    """Everyone with a profile, as Person and as profile, and the problems of the profiles."""

    people: dict[str, Person]
    profiles: Mapping[str, Any]
    problems: list[Problem]
    # False without the author_profiles plugin: then bylines are plain names.
    checks_bylines: bool
    # The profiles indexed by handle and name once (author_profiles' author_index), not per post.
    index: Any = None
    # Handles of the editors, sorted: the reviewers a post may name.
    editors: tuple[str, ...] = ()


def load_registry(settings: Mapping[str, Any], remembered: Any = None) -> Registry:
    """Everyone with a profile, and the problems author_profiles finds in profiles and photos.

    `remembered`: where profiles read before are kept (a section of the check's memo).
    """
    # Without the plugin, bylines are plain names: there is no registry to check them against.
    if "author_profiles" not in settings["PLUGINS"]:
        return Registry({}, {}, [], checks_bylines=False)
    from author_profiles import author_index, check_photos, load_profiles

    profiles, problems = load_profiles(profiles_folder(settings), settings, remembered)
    # The build's own photo pipeline (cached), so that check and build cannot disagree.
    problems = [*problems, *check_photos(profiles.values(), settings)]
    people = {
        handle: Person(profile.handle, profile.name, profile.is_editor, profile.status)
        for handle, profile in profiles.items()
    }
    editors = tuple(sorted(person.handle for person in people.values() if person.editor))
    return Registry(
        people,
        profiles,
        list(problems),
        checks_bylines=True,
        index=author_index(profiles),
        editors=editors,
    )


def load_people(settings: Mapping[str, Any]) -> tuple[dict[str, Person], list[Problem]]:
    """Everyone with a profile, and the problems author_profiles finds in the profiles."""
    registry = load_registry(settings)
    return registry.people, registry.problems


def author_problems(
    source_path: str | Path,
    names: Iterable[str],
    registry: Registry,
    settings: Mapping[str, Any],
    fields: tuple[str, ...] = ("author", "authors"),
) -> list[Problem]:
    """What the build reports about the people a post names: unknown or ambiguous ones."""
    if not registry.checks_bylines:
        return []
    from author_profiles import author_problems as resolve

    return resolve(str(source_path), names, registry.index, settings, fields)


def credit_roles(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """The header fields that credit people by role; none without author_profiles."""
    if "author_profiles" not in settings["PLUGINS"]:
        return ()
    from author_profiles import CREDIT_ROLES

    return tuple(CREDIT_ROLES)


def polls_in(
    text: str, path: str, fence_infos: Collection[str], settings: Mapping[str, Any]
) -> tuple[list[PollRef], list[Problem]]:
    """The polls declared in a post (fence_infos: its code blocks' info strings), and problems."""
    # Without the plugin a ```poll block is just code; nothing counts votes by its id.
    if "idea_polls" not in settings["PLUGINS"] or "poll" not in fence_infos:
        return [], []
    from idea_polls import read_polls

    found = read_polls(text, path, settings["MESSAGES_LANG"], ZoneInfo(settings["TIMEZONE"]))
    # The fence's line, where the build's own duplicate check (idea_polls) names it too.
    polls = [PollRef(p.id, p.line) for p in found.polls if p is not None]
    return polls, list(found.problems)


def duplicate_poll_words(settings: Mapping[str, Any], poll: str, other: str) -> tuple[str, str]:
    """The build's own words (idea_polls) for a poll id used twice, so check says the same."""
    from idea_polls import duplicate_poll_text

    return duplicate_poll_text(settings["MESSAGES_LANG"], poll, other)


def handles(value: str) -> list[str]:
    """Split a list of handles the way Pelican splits Authors: (';' if present, else ',')."""
    parts = value.split(";") if ";" in value else value.split(",")
    return [part.strip() for part in parts if part.strip()]
