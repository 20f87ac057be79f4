"""Show check results as text, as GitHub Actions annotations, or as a GitLab Code Quality report."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence

from faces_common.problems import ERROR, Problem

from ..messages import word
from .checker import CheckResult

# GitHub shows at most 10 annotations of each kind per step; the rest go into the summary.
GITHUB_ANNOTATION_LIMIT = 10
_GITLAB_SEVERITY = {ERROR: "major"}
_GITLAB_OTHER_SEVERITY = "minor"


def summary_line(result: CheckResult, lang: str) -> str:
    """One line: how many errors and warnings, or that all is well."""
    if not result.problems:
        return word(lang, "clean", files=result.files)
    return word(lang, "summary", errors=result.errors, warnings=result.warnings, files=result.files)


def as_text(result: CheckResult, lang: str) -> str:
    """Each problem as 'path:line:col: error: message' with the fix below, then the summary."""
    blocks = [problem.format() for problem in result.problems]
    return "\n".join([*blocks, summary_line(result, lang)]) + "\n"


def hints_text(hints: Sequence[Problem], lang: str) -> str:
    """The writing hints as 'path:line:col: hint: …' with a suggestion, then how many."""
    blocks = [hint.format() for hint in hints]
    return "\n".join([*blocks, word(lang, "hints_summary", count=len(hints))]) + "\n"


def hints_github(hints: Sequence[Problem], lang: str) -> str:
    """The writing hints as GitHub notices: shown in the pull request, never failing the job."""
    notices = [_workflow_command("notice", hint, lang) for hint in hints]
    return "\n".join([*notices, word(lang, "hints_summary", count=len(hints))]) + "\n"


def as_github(result: CheckResult, lang: str) -> tuple[str, str]:
    """Workflow commands for the first annotations of each kind, and the job summary (Markdown)."""
    shown: Counter[str] = Counter()
    commands, rest = [], []
    for problem in result.problems:
        kind = "error" if problem.severity == ERROR else "warning"
        if shown[kind] < GITHUB_ANNOTATION_LIMIT:
            shown[kind] += 1
            commands.append(_workflow_command(kind, problem, lang))
        else:
            rest.append(problem)
    commands.append(summary_line(result, lang))
    return "\n".join(commands) + "\n", _github_summary(result, rest, lang)


def as_gitlab(result: CheckResult) -> str:
    """A Code Quality report: a JSON array of issues GitLab shows in merge requests."""
    seen: Counter[str] = Counter()
    issues = []
    for problem in result.problems:
        identity = f"{problem.path}\0{problem.rule}\0{problem.message}"
        seen[identity] += 1
        # Without the line, so that an issue keeps its fingerprint when text above it moves.
        fingerprint = hashlib.sha256(f"{identity}\0{seen[identity]}".encode()).hexdigest()
        issues.append(
            {
                "type": "issue",
                "engine_name": "editorial",
                "check_name": problem.rule,
                "description": f"{problem.message} → {problem.fix}"
                if problem.fix
                else problem.message,
                "categories": ["Style"],
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY.get(problem.severity, _GITLAB_OTHER_SEVERITY),
                "location": {"path": problem.path, "lines": {"begin": problem.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _workflow_command(kind: str, problem: Problem, lang: str) -> str:
    properties = {
        "file": problem.path,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": f"{word(lang, 'summary_title')}: {problem.rule}",
    }
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    message = f"{problem.message}\n→ {problem.fix}" if problem.fix else problem.message
    return f"::{kind} {joined}::{_escape_data(message)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github_summary(result: CheckResult, rest: Sequence[Problem], lang: str) -> str:
    lines = [f"## {word(lang, 'summary_title')}", "", summary_line(result, lang), ""]
    if rest:
        columns = ("col_file", "col_line", "col_severity", "col_message", "col_fix")
        lines += [
            word(lang, "summary_more", limit=GITHUB_ANNOTATION_LIMIT),
            "",
            "| " + " | ".join(word(lang, c) for c in columns) + " |",
            "|" + "---|" * len(columns),
        ]
        for problem in rest:
            severity = word(lang, "error" if problem.severity == ERROR else "warning")
            cells = (f"`{problem.path}`", str(problem.line), severity, problem.message, problem.fix)
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")
