"""The one place that calls the author_profiles and idea_polls plugins' public functions."""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from content_checks.header import parse_header
from content_checks.problems import Problem

from .scan import Fence

logger = logging.getLogger(__name__)

# Where profiles live when the author_profiles plugin (setting AUTHORS_DIR) is not loaded.
PROFILES_FOLDER = "authors"
_ID_LINE = re.compile(r"^id\s*:", re.MULTILINE)


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


def load_people(settings: Mapping[str, Any]) -> tuple[dict[str, Person], list[Problem]]:
    """Everyone with a profile, and the profile problems author_profiles reports."""
    folder = profiles_folder(settings)
    loader = _public_function("author_profiles.profiles", "load_profiles")
    if loader is None:
        return _people_from_files(folder), []
    profiles, problems = loader(str(folder), settings)
    people = {}
    for profile in profiles.values() if isinstance(profiles, Mapping) else profiles:
        person = _person(profile)
        people[person.handle] = person
    # Profiles with errors are still people: their posts should not also report "unknown".
    for handle, person in _people_from_files(folder).items():
        people.setdefault(handle, person)
    return people, list(problems)


def profiles_folder(settings: Mapping[str, Any]) -> Path:
    """The folder of the profiles, content/authors/ by default."""
    return Path(settings["PATH"], settings.get("AUTHORS_DIR") or PROFILES_FOLDER)


def polls_in(
    text: str, path: str, fences: Iterable[Fence], settings: Mapping[str, Any]
) -> tuple[list[PollRef], list[Problem]]:
    """The polls declared in a post, and the problems idea_polls finds in them."""
    if not any(f.info == "poll" for f in fences):
        return [], []
    read_polls = _public_function("idea_polls.blocks", "read_polls")
    if read_polls is None:
        return _poll_ids(text, fences), []
    found = read_polls(text, path, settings["POLLS_LANGUAGE"], ZoneInfo(settings["TIMEZONE"]))
    lines = text.splitlines()
    polls = [PollRef(p.id, _id_line(lines, p.line)) for p in found.polls if p is not None]
    return polls, list(found.problems)


def _public_function(module: str, name: str) -> Any:
    # Until a neighbour plugin has landed its public function, its part of the check is skipped.
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        logger.debug("editorial: %s.%s is not available", module, name)
        return None


def _person(profile: Any) -> Person:
    editor = getattr(profile, "editor", False)
    if isinstance(editor, str):
        editor = editor.strip().lower() in ("yes", "true", "ja")
    return Person(
        handle=str(profile.handle),
        name=str(getattr(profile, "name", profile.handle)),
        editor=bool(editor),
        status=str(getattr(profile, "status", "active")),
    )


def _people_from_files(folder: Path) -> dict[str, Person]:
    people = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        header = parse_header(path.read_text(encoding="utf-8-sig"))
        values = {f.key: f.value for f in header.fields}
        people[path.stem] = Person(
            handle=path.stem,
            name=values.get("name", path.stem),
            editor=values.get("editor", "no").lower() == "yes",
            status=values.get("status", "active").lower(),
        )
    return people


def _id_line(lines: list[str], fence_line: int) -> int:
    # The poll names its fence line; a duplicate id is best shown on the id's own line.
    for number in range(fence_line + 1, len(lines) + 1):
        if _ID_LINE.match(lines[number - 1]):
            return number
        if lines[number - 1].lstrip().startswith(("```", "~~~")):
            break
    return fence_line


def _poll_ids(text: str, fences: Iterable[Fence]) -> list[PollRef]:
    lines = text.splitlines()
    found = []
    for fence in fences:
        if fence.info != "poll":
            continue
        block = "\n".join(lines[fence.first : fence.last - 1])
        try:
            data = yaml.safe_load(block)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and data.get("id"):
            match = _ID_LINE.search(block)
            offset = block.count("\n", 0, match.start()) if match else 0
            found.append(PollRef(str(data["id"]), fence.first + 1 + offset))
    return found
