"""The report formats: text, GitHub Actions annotations with a summary, GitLab Code Quality."""

from __future__ import annotations

import json

from editorial.checks import CheckResult
from editorial.checks.report import GITHUB_ANNOTATION_LIMIT, as_github, as_gitlab, as_text
from faces_common.problems import ERROR, WARNING, Problem


def _result(errors: int, warnings: int) -> CheckResult:
    problems = [
        Problem(
            f"content/posts/p{n:02d}.md", n + 1, f"Fehler {n}: a, b", "So geht's", ERROR, 3, "r"
        )
        for n in range(errors)
    ] + [
        Problem("content/posts/w.md", n + 1, f"Warnung {n}", "Lass es", WARNING, 1, "w")
        for n in range(warnings)
    ]
    return CheckResult(problems, files=40)


def test_text_is_one_block_per_problem_then_the_summary() -> None:
    result = CheckResult(
        [
            Problem(
                "content/posts/a.md", 3, "Das Feld 'X' ist leer.", "Füllen Sie es aus.", rule="e"
            )
        ],
        files=2,
    )
    assert as_text(result, "de") == (
        "content/posts/a.md:3:1: error: Das Feld 'X' ist leer.\n"
        "    → Füllen Sie es aus.\n"
        "Fehler: 1, Warnungen: 0 (2 Dateien geprüft).\n"
    )
    assert as_text(CheckResult([], files=7), "en") == "No problems in 7 files.\n"


def test_github_annotates_the_first_ten_of_each_kind_and_escapes() -> None:
    commands, _ = as_github(_result(12, 2), "de")
    lines = commands.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(errors) == GITHUB_ANNOTATION_LIMIT == 10
    assert len(warnings) == 2
    assert errors[0] == (
        "::error file=content/posts/p00.md,line=1,col=3,title=Inhaltsprüfung%3A r"
        "::Fehler 0: a, b%0A→ So geht's"
    )
    assert lines[-1] == "Fehler: 12, Warnungen: 2 (40 Dateien geprüft)."


def test_github_summary_lists_what_was_not_annotated() -> None:
    _, summary = as_github(_result(12, 2), "en")
    lines = summary.splitlines()
    assert lines[:3] == ["## Content check", "", "Errors: 12, warnings: 2 (40 files checked)."]
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| File | Line | Kind | Problem | How to fix it |"
    assert table[2:] == [
        "| `content/posts/p10.md` | 11 | error | Fehler 10: a, b | So geht's |",
        "| `content/posts/p11.md` | 12 | error | Fehler 11: a, b | So geht's |",
    ]


def test_github_summary_without_a_table_when_everything_was_annotated() -> None:
    _, summary = as_github(_result(2, 0), "de")
    assert "|" not in summary
    assert "Fehler: 2, Warnungen: 0" in summary


def test_gitlab_code_quality_report_fields() -> None:
    issues = json.loads(as_gitlab(_result(2, 1)))
    assert len(issues) == 3
    first = issues[0]
    assert first["description"] == "Fehler 0: a, b → So geht's"
    assert first["check_name"] == "r"
    assert first["severity"] == "major"
    assert first["location"] == {"path": "content/posts/p00.md", "lines": {"begin": 1}}
    assert issues[2]["severity"] == "minor"
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 3
    assert all(len(f) == 64 and int(f, 16) >= 0 for f in fingerprints)


def test_gitlab_fingerprints_survive_lines_moving_and_stay_unique_for_repeats() -> None:
    moved = CheckResult(
        [Problem("a.md", 7, "M", "F", rule="r"), Problem("a.md", 9, "M", "F", rule="r")], 1
    )
    before = CheckResult(
        [Problem("a.md", 2, "M", "F", rule="r"), Problem("a.md", 3, "M", "F", rule="r")], 1
    )
    first = [i["fingerprint"] for i in json.loads(as_gitlab(moved))]
    second = [i["fingerprint"] for i in json.loads(as_gitlab(before))]
    assert first == second
    assert first[0] != first[1]
