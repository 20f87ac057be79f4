"""Find ```poll fences in Markdown and check their YAML, naming the file line of each problem."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import yaml
from faces_common.header import split_lines
from faces_common.problems import Problem

from .messages import text
from .model import DECISION_STATUSES, RESULTS_MODES, Decision, Option, Poll
from .yaml_nodes import Entry, NodeReader

FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*?)[ \t]*$")
POLL_INFO = "poll"
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


class _BlockChecker(NodeReader):
    """Turns one block's YAML nodes into a Poll, noting each problem at its line in the file."""

    examples = _EXAMPLES

    def __init__(self, path: str, fence_line: int, lang: str, zone: ZoneInfo) -> None:
        super().__init__(path, fence_line, lang)
        self.zone = zone

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
