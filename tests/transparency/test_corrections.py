"""Parsing `Correction:` entries: the form 'YYYY-MM-DD | type | text', or a precise problem."""

from __future__ import annotations

import datetime as dt

import pytest
from faces_common.problems import Problem
from transparency.corrections import Correction, parse_correction

TYPES = ["correction", "clarification", "retraction"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "2026-02-12 | correction | Richtig sind 21.",
            Correction(dt.date(2026, 2, 12), "correction", "Richtig sind 21.", 7),
        ),
        (
            "2026-02-12|Retraction|Wir ziehen das zurück.",
            Correction(dt.date(2026, 2, 12), "retraction", "Wir ziehen das zurück.", 7),
        ),
        (
            "2026-02-12 | clarification | Gemeint ist A | B, nicht C.",
            Correction(dt.date(2026, 2, 12), "clarification", "Gemeint ist A | B, nicht C.", 7),
        ),
    ],
)
def test_a_well_formed_entry_is_parsed(value: str, expected: Correction) -> None:
    assert parse_correction(value, 7, "content/posts/a.md", TYPES, "en") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2026-02-12 correction Richtig sind 21.",
            "The entry '2026-02-12 correction Richtig sind 21.' in the field 'Correction' is "
            "not of the form 'date | type | text'.",
        ),
        (
            "12.02.2026 | correction | x",
            "'12.02.2026' in the field 'Correction' is not a valid date.",
        ),
        (
            "2026-02-30 | correction | x",
            "'2026-02-30' in the field 'Correction' is not a valid date.",
        ),
        ("2026-02-12 | erratum | x", "The type 'erratum' in the field 'Correction' is unknown."),
        (
            "2026-02-12 | correction |  ",
            "The entry in the field 'Correction' does not say what was corrected.",
        ),
    ],
)
def test_a_bad_entry_is_a_problem_naming_file_and_line(value: str, message: str) -> None:
    problem = parse_correction(value, 9, "content/posts/a.md", TYPES, "en")
    assert isinstance(problem, Problem)
    assert (problem.path, problem.line, problem.message) == ("content/posts/a.md", 9, message)
    assert problem.format().startswith(f"content/posts/a.md:9:1: error: {message}\n    → ")


def test_the_fix_lists_the_allowed_types_in_german() -> None:
    problem = parse_correction("2026-02-12 | erratum | x", 3, "a.md", TYPES, "de")
    assert isinstance(problem, Problem)
    assert problem.message == "Die Art 'erratum' im Feld 'Correction' ist unbekannt."
    assert problem.fix == "Erlaubt sind: correction, clarification, retraction."
