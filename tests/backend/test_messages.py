"""The texts readers see, German and English, for status words and field problems."""

from __future__ import annotations

import pytest

from faces_backend.http.forms import FieldProblem
from faces_backend.polls.answers import STATUS_CODES
from faces_backend.polls.messages import FIELD_MESSAGES, STATUS_MESSAGES, TEXTS, field_message


def test_every_status_word_has_a_message_in_both_languages() -> None:
    assert set(STATUS_MESSAGES) == {"de", "de@du", "en"}
    for language in ("de", "en"):
        assert set(STATUS_MESSAGES[language]) == set(STATUS_CODES)
    assert set(TEXTS["de"]) == set(TEXTS["en"])
    assert set(FIELD_MESSAGES["de"]) == set(FIELD_MESSAGES["en"])
    # The du texts replace Sie texts; there is no du text without its Sie text.
    assert set(STATUS_MESSAGES["de@du"]) <= set(STATUS_MESSAGES["de"])
    assert set(TEXTS["de@du"]) <= set(TEXTS["de"])
    assert set(FIELD_MESSAGES["de@du"]) <= set(FIELD_MESSAGES["de"])


def test_english_field_messages() -> None:
    problem = FieldProblem("choice", "too_many", 3)
    assert field_message(problem, language="en") == "Please choose at most 3 ideas."
    unknown = FieldProblem("x", "unknown_field")
    assert field_message(unknown, language="en") == "The form contains the unknown field “x”."


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
