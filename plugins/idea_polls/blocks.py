"""Find ```poll fences in Markdown and check their YAML, naming the file line of each problem."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import yaml
from faces_common.header import split_lines
from faces_common.problems import ERROR, Problem

from .messages import text
from .model import DECISION_STATUSES, RESULTS_MODES, Decision, Option, Poll

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*?)[ \t]*$")
POLL_INFO = "poll"
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
POLL_KEYS = (
    "id",
    "question",
    "options",
    "multiple",
    "max",
    "closes",
    "results",
    "suggestions",
    "decision",
)
OPTION_KEYS = ("id", "label", "description")
DECISION_KEYS = ("status", "response")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRUE = ("true", "yes", "on")
_FALSE = ("false", "no", "off")
_EXAMPLES = {
    "id": "id: kantine-2027",
    "question": "question: Welche Idee setzen wir zuerst um?",
    "options": "options:",
    "label": "label: Eine Salatbar",
    "status": "status: planned",
}
# The last second of a day given without a time: "closes: 2027-01-31" means the whole day.
END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class Fence:
    """One ```poll block: the 1-based line of its opening fence, its YAML lines, its fence."""

    line: int
    fence: str
    body: tuple[str, ...]
    closed: bool


@dataclass(frozen=True)
class SourcePolls:
    """The polls of one file, one entry per closed block (None where the block is invalid)."""

    polls: list[Poll | None]
    problems: list[Problem]


def find_fences(lines: Sequence[str]) -> list[Fence]:
    """Return the ```poll blocks in order, skipping fences of any other kind and their content."""
    found: list[Fence] = []
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match["fence"]
        end = next((j for j in range(index + 1, len(lines)) if lines[j].rstrip() == fence), None)
        if match["info"] == POLL_INFO:
            stop = len(lines) if end is None else end
            found.append(Fence(index + 1, fence, tuple(lines[index + 1 : stop]), end is not None))
        # Like Python-Markdown, an unclosed fence is plain text, so the scan goes on after it.
        index = index + 1 if end is None else end + 1
    return found


def read_polls(source: str, path: str, lang: str, zone: ZoneInfo) -> SourcePolls:
    """Check every poll block of a Markdown text; `path` is how problems name the file."""
    polls: list[Poll | None] = []
    problems: list[Problem] = []
    for fence in find_fences(split_lines(source)):
        if not fence.closed:
            message, fix = text(lang, "unclosed", fence=fence.fence)
            problems.append(Problem(path, fence.line, message, fix, rule="poll"))
            continue
        checker = _BlockChecker(path, fence.line, lang, zone)
        polls.append(checker.poll("\n".join(fence.body)))
        problems += checker.problems
    return SourcePolls(polls, problems)


def parse_closes(value: str, zone: ZoneInfo) -> datetime | None:
    """Return the closing instant of 'YYYY-MM-DD' (end of that day) or an ISO date-time."""
    value = value.strip()
    try:
        if _DAY.fullmatch(value):
            return datetime.combine(date.fromisoformat(value), END_OF_DAY, tzinfo=zone)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


Entry = tuple[yaml.Node, yaml.Node]


class _BlockChecker:
    """Turns one block's YAML nodes into a Poll, noting each problem at its line in the file."""

    def __init__(self, path: str, fence_line: int, lang: str, zone: ZoneInfo) -> None:
        self.path = path
        self.fence_line = fence_line
        self.lang = lang
        self.zone = zone
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

    def poll(self, body: str) -> Poll | None:
        """Return the checked Poll, or None if the block has errors."""
        self.body = body
        try:
            root = yaml.compose(body, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = self.line_at(mark) if mark else self.fence_line
            self.report(line, "yaml", detail=error.problem or error.context or "syntax error")
            return None
        except yaml.YAMLError as error:
            self.report(self.fence_line, "yaml", detail=str(error))
            return None
        except RecursionError:
            # PyYAML composes nested collections recursively: '[[[[…' a thousand deep.
            self.report(self.fence_line, "too_deep")
            return None
        if not isinstance(root, yaml.MappingNode):
            self.report(root if root is not None else self.fence_line, "not_mapping")
            return None
        fields = self.mapping(root, POLL_KEYS)
        poll_id = self.identifier(fields, "id", self.fence_line)
        question = self.text(fields, "question", self.fence_line)
        options = self.options(fields)
        multiple = self.flag(fields, "multiple", False)
        suggestions = self.flag(fields, "suggestions", False)
        results = self.choice(fields, "results", RESULTS_MODES, "after_vote")
        closes = self.closes(fields)
        maximum = self.maximum(fields, multiple, len(options))
        decision = self.decision(fields)
        if results == "after_close" and closes is None and "closes" not in fields:
            self.report(fields["results"][1], "after_close_without_date")
        if self.problems or poll_id is None or question is None or not options:
            return None
        return Poll(
            id=poll_id,
            question=question,
            options=tuple(options),
            multiple=multiple,
            max=maximum,
            closes=closes,
            results_mode=results,
            suggestions=suggestions,
            decision=decision,
            source_path=self.path,
            line=self.fence_line,
        )

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
                self.report(missing_at, "missing_key", key=key, example=_EXAMPLES[key])
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

    def closes(self, fields: dict[str, Entry]) -> datetime | None:
        """Return the closing instant, or None when the poll never closes."""
        if "closes" not in fields:
            return None
        node = self.scalar(fields, "closes")
        if node is None:
            return None
        moment = parse_closes(str(node.value), self.zone)
        if moment is None:
            self.report(node, "bad_date", value=node.value)
        return moment

    def maximum(self, fields: dict[str, Entry], multiple: bool, count: int) -> int:
        """Return how many options a reader may choose."""
        default = max(count, 1) if multiple else 1
        if "max" not in fields:
            return default
        node = self.scalar(fields, "max")
        if node is None:
            return default
        raw = str(node.value).strip()
        # ASCII digits only: str.isdigit() also accepts '²', which int() refuses.
        if not (raw.isascii() and raw.isdigit()):
            self.report(node, "not_int", value=node.value)
            return default
        # int() refuses more than 4,300 digits; any number that long is too large anyway.
        value = int(raw) if len(raw) <= 18 else 10**18
        if value < 1:
            self.report(node, "max_too_small", max=raw)
        elif not multiple and value != 1:
            self.report(node, "max_single", max=raw)
        elif count and value > count:
            self.report(node, "max_too_large", max=raw, count=count)
        return value

    def options(self, fields: dict[str, Entry]) -> list[Option]:
        """Return the options, each with a unique id and a label."""
        if "options" not in fields:
            self.report(self.fence_line, "no_options")
            return []
        key_node, node = fields["options"]
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.report(key_node, "no_options")
            return []
        options: list[Option] = []
        first_lines: dict[str, int] = {}
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                self.report(item, "option_not_mapping")
                continue
            entries = self.mapping(item, OPTION_KEYS)
            option_id = self.identifier(entries, "id", self.line_of(item))
            label = self.text(entries, "label", self.line_of(item))
            description = self.text(entries, "description", None) or ""
            if option_id is not None and option_id in first_lines:
                first = first_lines[option_id]
                self.report(entries["id"][1], "duplicate_option", id=option_id, first=first)
            elif option_id is not None and label is not None:
                first_lines[option_id] = self.line_of(entries["id"][1])
                options.append(Option(option_id, label, description))
        return options

    def decision(self, fields: dict[str, Entry]) -> Decision | None:
        """Return the company's decision, if the block has one."""
        if "decision" not in fields:
            return None
        node = fields["decision"][1]
        if not isinstance(node, yaml.MappingNode):
            self.report(node, "not_mapping_decision")
            return None
        entries = self.mapping(node, DECISION_KEYS)
        if "status" not in entries:
            example = _EXAMPLES["status"]
            self.report(self.line_of(node), "missing_key", key="status", example=example)
            return None
        status = self.choice(entries, "status", DECISION_STATUSES, "")
        response = self.text(entries, "response", None) or ""
        return Decision(status, response) if status else None
