"""Read the metadata header of a Markdown file, keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# Python-Markdown's meta extension: "Key: value", continuation lines indented.
_FIELD = re.compile(r"^(?P<name>[A-Za-z0-9_-]+)\s*:(?P<value>.*)$")
_CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
# Python-Markdown (and every editor) breaks lines at \n, \r\n and \r only. str.splitlines()
# also breaks at \f, \v, \x1c-\x1e, \x85, \u2028 and \u2029, which split a field in two
# and shifted the line number of every problem after it.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split text into lines as Python-Markdown and editors number them (no final empty line)."""
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


@dataclass(frozen=True)
class Field:
    """One metadata line: its name as written, its value and its 1-based line."""

    name: str
    value: str
    line: int
    # The name as Pelican sees it (lower case); rules ask for it thousands of times a build.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self.name.lower())


@dataclass(frozen=True)
class Header:
    """All metadata fields of a file and the line where its body starts."""

    fields: list[Field]
    body_line: int
    stray_lines: list[tuple[int, str]]

    @cached_property
    def _by_key(self) -> dict[str, list[Field]]:
        by_key: dict[str, list[Field]] = {}
        for f in self.fields:
            by_key.setdefault(f.key, []).append(f)
        return by_key

    def first(self, key: str) -> Field | None:
        """The first field with this (lower-case) key, if any."""
        found = self._by_key.get(key)
        return found[0] if found else None

    def value(self, key: str) -> str:
        """The value of the first field with this (lower-case) key, or ''."""
        found = self.first(key)
        return found.value if found else ""

    def all(self, key: str) -> list[Field]:
        """Every field with this (lower-case) key."""
        return list(self._by_key.get(key, ()))


def parse_header(text: str) -> Header:
    """Split the header into fields the way Python-Markdown's meta extension does."""
    fields: list[Field] = []
    stray: list[tuple[int, str]] = []
    lines = split_lines(text)
    number = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.removeprefix("\ufeff") if number == 1 else raw
        if not line.strip():
            return Header(fields, number + 1, stray)
        match = _FIELD.match(line)
        if match:
            fields.append(Field(match["name"], match["value"].strip(), number))
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and fields:
            last = fields[-1]
            fields[-1] = Field(
                last.name, f"{last.value} {continuation['value'].strip()}", last.line
            )
            continue
        if not fields:
            # No header at all: Markdown treats the whole file as body.
            return Header([], 1, stray)
        stray.append((number, line))
    return Header(fields, number + 1, stray)
