"""Reading a poll block's YAML nodes as typed fields, each problem at its line and column."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

import yaml
from faces_common.problems import ERROR, Problem

from .messages import text

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
_TRUE = ("true", "yes", "on")
_FALSE = ("false", "no", "off")

Entry = tuple[yaml.Node, yaml.Node]


class NodeReader:
    """Reads the entries of YAML mappings inside one block, noting each problem in the file."""

    # An example line for each field whose absence is reported (set by the block's reader).
    examples: Mapping[str, str] = {}

    def __init__(self, path: str, fence_line: int, lang: str) -> None:
        self.path = path
        self.fence_line = fence_line
        self.lang = lang
        self.problems: list[Problem] = []
        self.body = ""

    def report(self, where: yaml.Node | int, problem: str, **values: object) -> None:
        """Add a problem at a node (its line and column in the file) or at a file line."""
        message, fix = text(self.lang, problem, **values)
        if isinstance(where, int):
            line, column = where, 1
        else:
            line, column = self.line_of(where), self.column_of(where.start_mark)
        self.problems.append(Problem(self.path, line, message, fix, ERROR, column, "poll"))

    def line_of(self, node: yaml.Node) -> int:
        """The file line of a node: the YAML starts on the line after the fence."""
        return self.line_at(node.start_mark)

    def line_at(self, mark: yaml.Mark) -> int:
        """The file line of a YAML position."""
        # From the character index, not mark.line: YAML also breaks lines at U+0085, U+2028
        # and U+2029, which editors and Markdown show inside one line.
        return self.fence_line + 1 + self.body.count("\n", 0, mark.index)

    def column_of(self, mark: yaml.Mark) -> int:
        """The 1-based column of a YAML position on its file line."""
        return mark.index - self.body.rfind("\n", 0, mark.index)

    def mapping(self, node: yaml.MappingNode, allowed: Sequence[str]) -> dict[str, Entry]:
        """Return the entries by key, reporting unknown and repeated keys."""
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            if key not in allowed:
                guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                known = ", ".join(allowed)
                if guess:
                    self.report(key_node, "unknown_key", key=key, suggestion=guess[0], known=known)
                else:
                    self.report(key_node, "unknown_key_no_guess", key=key, known=known)
            elif key in entries:
                first = self.line_of(entries[key][0])
                self.report(key_node, "duplicate_key", key=key, first=first)
            else:
                entries[key] = (key_node, value_node)
        return entries

    def scalar(self, fields: dict[str, Entry], key: str) -> yaml.ScalarNode | None:
        """Return the value node of a key if it is a non-empty scalar, else report it."""
        node = fields[key][1]
        if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
            return node
        self.report(node, "not_text", key=key)
        return None

    def text(self, fields: dict[str, Entry], key: str, missing_at: int | None) -> str | None:
        """Return a text field; `missing_at` is where to report its absence (None: optional)."""
        if key not in fields:
            if missing_at is not None:
                self.report(missing_at, "missing_key", key=key, example=self.examples[key])
            return None
        node = self.scalar(fields, key)
        return str(node.value).strip() if node is not None else None

    def identifier(self, fields: dict[str, Entry], key: str, missing_at: int) -> str | None:
        """Return an id of 1-64 letters, digits, '-' and '_'."""
        value = self.text(fields, key, missing_at)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.report(fields[key][1], "bad_id", value=value)
            return None
        return value

    def flag(self, fields: dict[str, Entry], key: str, default: bool) -> bool:
        """Return a true/false field."""
        if key not in fields:
            return default
        node = self.scalar(fields, key)
        if node is None:
            return default
        value = str(node.value).strip().lower()
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        self.report(node, "not_bool", key=key, value=node.value)
        return default

    def choice(
        self, fields: dict[str, Entry], key: str, allowed: Sequence[str], default: str
    ) -> str:
        """Return a field whose value must be one of `allowed`."""
        if key not in fields:
            return default
        node = self.scalar(fields, key)
        if node is None:
            return default
        if node.value not in allowed:
            self.report(node, "bad_choice", key=key, value=node.value, allowed=", ".join(allowed))
            return default
        return str(node.value)
