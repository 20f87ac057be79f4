"""Credited help: the people a post names by role besides its authors (`Told-to:`, `Photos:` …)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pelican.urlwrappers import Author

# The header fields of the roles, in the order the byline names them. The keys are what a
# post writes ("Told-to: lea-hofstetter"); the theme translates the role into its label.
CREDIT_ROLES = ("told-to", "interview", "photos", "translation")
# Roles that mean someone else helped with the writing itself (the transparency page counts
# such posts apart); photos and a translation leave the text the authors' own.
WRITING_HELP = ("told-to", "interview")

# (source path, the name as written, the header fields it was written in) -> the Author shown.
FindPerson = Callable[[str, str, tuple[str, ...]], Author]


@dataclass(frozen=True)
class Credit:
    """One role on a post and the people credited with it, in the order written."""

    role: str
    people: tuple[Author, ...]

    @property
    def helps_writing(self) -> bool:
        """True for help with the text itself (as told to, interview)."""
        return self.role in WRITING_HELP


def split_names(value: Any) -> list[str]:
    """The names in a credit field: separated by ';' if there is one, else by ','."""
    if isinstance(value, list | tuple):
        value = ", ".join(str(part) for part in value)
    text = str(value or "")
    parts = text.split(";") if ";" in text else text.split(",")
    return [part.strip() for part in parts if part.strip()]


def credits_of(article: Any, find: FindPerson) -> tuple[Credit, ...]:
    """The post's credits with each name resolved the way its authors are."""
    credits = []
    for role in CREDIT_ROLES:
        people: list[Author] = []
        for name in split_names(article.metadata.get(role)):
            person = find(article.source_path, name, (role,))
            if person not in people:
                people.append(person)
        if people:
            credits.append(Credit(role, tuple(people)))
    return tuple(credits)
