"""The fields of one profile: which exist, and how each is read and checked, line by line."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from faces_common.header import Field, Header
from faces_common.header_check import field_findings
from faces_common.problems import ERROR, WARNING, Problem

from .messages import problem
from .profile_model import ProfileRules

STATUSES = ("active", "alumni", "removed")

# Link fields in the order they are shown, with the label a reader sees.
LINK_FIELDS = {
    "website": "Website",
    "linkedin": "LinkedIn",
    "xing": "XING",
    "mastodon": "Mastodon",
    "github": "GitHub",
}
# The fields of an employee's profile in the order they are written (`invoke new-post`, the
# web editor).
EMPLOYEE_FIELDS = (
    "name",
    "role",
    "department",
    "level",
    "location",
    "languages",
    "joined",
    "ask-me-about",
    *LINK_FIELDS,
    "photo",
    "photo-focus",
    "photo-credit",
    "consent",
    "consent-date",
    "status",
    "editor",
)
# A guest's profile (a customer, a partner) says so and names the organisation.
KNOWN_FIELDS = (*EMPLOYEE_FIELDS, "guest", "organisation")
REQUIRED_FIELDS = ("name", "role", "department", "level")
# A guest (a customer, a partner) belongs to no department or level of the company.
GUEST_REQUIRED_FIELDS = ("name", "role", "organisation")
_EXAMPLES = {
    "name": "Name: Miriam Keller",
    "role": "Role: Leiterin Entwicklung",
    "department": "Department: entwicklung",
    "level": "Level: fachkraft",
    "organisation": "Organisation: Velohaus Muster GmbH",
}
_YES = ("yes", "ja", "true")
_NO = ("no", "nein", "false")


def display_path(path: Path) -> str:
    """A path as problem reports show it: relative to the working folder."""
    return os.path.relpath(path, os.getcwd())


class ProfileFields:
    """Checks the fields of one profile and collects its problems."""

    def __init__(self, path: Path, header: Header, rules: ProfileRules, problems: list[Problem]):
        self.path = path
        self.where = display_path(path)
        self.header = header
        self.rules = rules
        self.problems = problems

    def report(self, line: int, key: str, severity: str = ERROR, **values: object) -> None:
        """Note a problem at a line of the profile."""
        self.problems.append(
            # column named: without it mypy takes **values for a possible column.
            problem(self.rules.lang, self.where, line, key, severity, column=1, **values)
        )

    def check_fields(self, guest: bool = False) -> None:
        """Note unknown, stray and repeated lines, and missing required fields."""
        # A profile still shows with a stray, unknown or repeated line: warnings only.
        for found in field_findings(self.header, KNOWN_FIELDS):
            self.report(found.line, found.key, WARNING, **found.values)
        last_line = self.header.fields[-1].line
        for key in GUEST_REQUIRED_FIELDS if guest else REQUIRED_FIELDS:
            present = self.header.first(key)
            if present is None or not present.value:
                self.report(
                    present.line if present else last_line,
                    "missing",
                    field=key.capitalize(),
                    example=_EXAMPLES[key],
                )

    def value(self, key: str) -> str:
        return self.header.value(key)

    def choice(self, key: str, allowed: Mapping[str, str]) -> str | None:
        found = self.header.first(key)
        if found is None or not found.value:
            return None  # reported as missing
        if not allowed:
            return found.value
        wanted = found.value.casefold()
        for choice_key, label in allowed.items():
            # The label ("Entwicklung") is what people often write instead of the key.
            if wanted in (choice_key.casefold(), str(label).casefold()):
                return choice_key
        self._report_bad_choice(found, allowed)
        return None

    def status(self) -> str:
        found = self.header.first("status")
        if found is None or not found.value:
            return "active"
        if found.value.lower() in STATUSES:
            return found.value.lower()
        self._report_bad_choice(found, STATUSES)
        # A mistyped "removed" must not publish someone who withdrew consent.
        return "removed"

    def _report_bad_choice(self, found: Field, allowed: Iterable[str]) -> None:
        self.report(
            found.line,
            "bad_choice",
            field=found.name,
            value=found.value,
            allowed=", ".join(allowed),
        )

    def yes_no(self, key: str) -> bool | None:
        found = self.header.first(key)
        if found is None or not found.value:
            return None
        if found.value.lower() in _YES:
            return True
        if found.value.lower() in _NO:
            return False
        self.report(found.line, "bad_yes_no", field=found.name, value=found.value)
        return False

    def date(self, key: str) -> dt.date | None:
        found = self.header.first(key)
        if found is None or not found.value:
            return None
        try:
            return dt.date.fromisoformat(found.value)
        except ValueError:
            self.report(found.line, "bad_date", WARNING, field=found.name, value=found.value)
            return None

    def links(self) -> list[tuple[str, str]]:
        links = []
        for key, label in LINK_FIELDS.items():
            found = self.header.first(key)
            if found is None or not found.value:
                continue
            parts = urlsplit(found.value)
            if parts.scheme in ("http", "https") and parts.netloc and " " not in found.value:
                links.append((label, found.value))
            else:
                self.report(found.line, "bad_link", WARNING, field=found.name, value=found.value)
        return links

    def focus(self) -> tuple[float, float] | None:
        found = self.header.first("photo-focus")
        if found is None or not found.value:
            return None
        try:
            x, y = (float(part) for part in found.value.split(","))
        except ValueError:
            x = y = -1.0
        if 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0:
            return (x, y)
        self.report(found.line, "bad_focus", WARNING, field=found.name, value=found.value)
        return None

    def photo(self) -> tuple[Field | None, Path | None]:
        found = self.header.first("photo")
        if found is None or not found.value:
            return None, None
        source = (self.path.parent / found.value).resolve()
        if not source.is_file():
            self.report(
                found.line,
                "photo_missing",
                WARNING,
                photo=found.value,
                folder=display_path(self.path.parent),
            )
            return found, None
        return found, source
