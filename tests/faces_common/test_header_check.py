"""Tests for faces_common.header_check: the line checks posts and profiles share."""

from __future__ import annotations

import pytest
from faces_common.header import parse_header
from faces_common.header_check import FieldFinding, field_findings

KNOWN = ("title", "date", "category", "correction")


@pytest.mark.parametrize(
    ("text", "repeatable", "expected"),
    [
        ("Title: A\nDate: 2026-03-14\n\nBody\n", (), []),
        ("Title: A\n\nBody\n", (), []),
        (
            "Title: A\nTitel: B\n\nBody\n",
            (),
            [
                FieldFinding(
                    2,
                    "unknown_field",
                    {
                        "field": "Titel",
                        "suggestion": "Title",
                        "known": "Title, Date, Category, Correction",
                    },
                )
            ],
        ),
        (
            "Title: A\nX-Mood: happy\n\nBody\n",
            (),
            [
                FieldFinding(
                    2,
                    "unknown_field_no_guess",
                    {"field": "X-Mood", "known": "Title, Date, Category, Correction"},
                )
            ],
        ),
        (
            "Title: A\ntitle: B\nCorrection: 1\nCorrection: 2\n\nBody\n",
            ("correction",),
            [FieldFinding(2, "duplicate_field", {"field": "title", "first": 1})],
        ),
        (
            "Title: A\nCorrection: 1\nCorrection: 2\n\nBody\n",
            (),
            [FieldFinding(3, "duplicate_field", {"field": "Correction", "first": 2})],
        ),
        # Stray lines first, then the fields in their order; a third copy names the first line.
        (
            "Title: A\nnot a field\nTitle: B\nDatum: x\nTitle: C\n\nBody\n",
            (),
            [
                FieldFinding(2, "stray_line"),
                FieldFinding(3, "duplicate_field", {"field": "Title", "first": 1}),
                FieldFinding(
                    4,
                    "unknown_field",
                    {
                        "field": "Datum",
                        "suggestion": "Date",
                        "known": "Title, Date, Category, Correction",
                    },
                ),
                FieldFinding(5, "duplicate_field", {"field": "Title", "first": 1}),
            ],
        ),
    ],
)
def test_findings_in_line_order(
    text: str, repeatable: tuple[str, ...], expected: list[FieldFinding]
) -> None:
    assert field_findings(parse_header(text), KNOWN, repeatable) == expected


def test_an_unknown_field_twice_is_reported_as_unknown_and_as_repeated() -> None:
    found = field_findings(parse_header("Title: A\nMood: 1\nMood: 2\n\nBody\n"), KNOWN)
    assert [(f.line, f.key) for f in found] == [
        (2, "unknown_field_no_guess"),
        (3, "unknown_field_no_guess"),
        (3, "duplicate_field"),
    ]
