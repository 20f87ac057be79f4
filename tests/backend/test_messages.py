"""The German texts for field problems."""

from __future__ import annotations

import pytest

from faces_backend.answers import STATUS_CODES
from faces_backend.forms import FieldProblem
from faces_backend.messages import STATUS_MESSAGES, field_message


def test_every_status_word_has_a_message() -> None:
    assert set(STATUS_MESSAGES) == set(STATUS_CODES)


@pytest.mark.parametrize(
    ("problem", "suggestions", "text"),
    [
        (FieldProblem("choice", "too_many", 1), False, "Bitte wählen Sie nur eine Idee."),
        (FieldProblem("choice", "too_many", 3), False, "Bitte wählen Sie höchstens 3 Ideen."),
        (FieldProblem("choice", "missing"), False, "Bitte wählen Sie eine Idee aus."),
        (
            FieldProblem("choice", "missing"),
            True,
            "Bitte wählen Sie eine Idee aus oder schlagen Sie eine eigene vor.",
        ),
        (
            FieldProblem("x", "unknown_field"),
            False,
            "Das Formular enthält das unbekannte Feld „x“.",
        ),
        (FieldProblem("_next", "repeated"), False, "Das Feld „_next“ darf nur einmal vorkommen."),
        (FieldProblem("x", "weird"), False, "Die Angaben im Formular sind ungültig."),
    ],
)
def test_field_message(problem: FieldProblem, suggestions: bool, text: str) -> None:
    assert field_message(problem, suggestions=suggestions) == text
