"""Header rules: each problem names the line, says what is wrong and how to fix it."""

from __future__ import annotations

from typing import Any

import pytest
from content_checks.plugin import DEFAULTS
from content_checks.rules import check_header
from faces_common.header import parse_header


def settings(**overrides: Any) -> dict[str, Any]:
    return {
        **DEFAULTS,
        "MESSAGES_LANG": "de",
        "CHECKS_EXTRA_FIELDS": ["image"],
        "CHECKS_CATEGORIES": ["Technik", "Menschen"],
        **overrides,
    }


GOOD = "Title: Hallo\nDate: 2026-03-14 09:30\nCategory: Technik\nAuthor: miriam-keller\n\nText"


def formatted(text: str, **overrides: Any) -> list[str]:
    problems = check_header(
        parse_header(text), "content/posts/x.md", settings(**overrides), "article"
    )
    return [p.format() for p in problems]


def test_a_good_header_has_no_problems() -> None:
    assert formatted(GOOD) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("2026-03-14 09:30", "14.03.2026"),
            "content/posts/x.md:2:1: error: '14.03.2026' im Feld 'Date' ist kein gültiges Datum.\n"
            "    → Schreiben Sie das Datum als Jahr-Monat-Tag, mit Uhrzeit oder ohne: "
            "'2026-03-14' oder '2026-03-14 09:30'.",
        ),
        (
            GOOD.replace("Title: Hallo\n", ""),
            "content/posts/x.md:3:1: error: Das Pflichtfeld 'Title' fehlt.\n"
            "    → Ergänzen Sie im Kopf der Datei eine Zeile wie 'Title: Mein erster Beitrag'.",
        ),
        (
            GOOD.replace("Category: Technik", "Category: Kantine"),
            "content/posts/x.md:3:1: error: 'Kantine' ist im Feld 'Category' nicht erlaubt.\n"
            "    → Erlaubt sind: Technik, Menschen.",
        ),
        (
            GOOD.replace("Category:", "Tags Technik\nCategory:"),
            "content/posts/x.md:3:1: error: Diese Zeile im Kopf hat nicht die Form 'Feld: Wert'.\n"
            "    → Ergänzen Sie den Doppelpunkt nach dem Feldnamen oder setzen Sie eine Leerzeile "
            "vor den Text. Sonst erscheint der Rest des Kopfs als Text im Beitrag.",
        ),
        (GOOD + "", ""),
    ],
)
def test_each_problem_is_reported_in_plain_german(text: str, expected: str) -> None:
    found = formatted(text)
    assert found == ([expected] if expected else [])


def test_missing_date_and_wrong_language_in_english() -> None:
    text = "Title: Hi\nCategory: Technik\nAuthor: a\nLang: fr\n\nText"
    assert formatted(text, MESSAGES_LANG="en") == [
        "content/posts/x.md:4:1: error: The required field 'Date' is missing.\n"
        "    → Add a line such as 'Date: 2026-03-14 09:30' to the header.",
        "content/posts/x.md:4:1: error: 'fr' is not allowed in the field 'Lang'.\n"
        "    → Allowed values: de, en.",
    ]


def test_a_repeated_field_is_an_error_unless_repeatable() -> None:
    text = GOOD.replace(
        "Author:",
        "Correction: 2026-03-15 | correction | a\n"
        "Correction: 2026-03-16 | correction | b\nTitle: Zwei\nAuthor:",
    )
    assert formatted(text, CHECKS_EXTRA_FIELDS=["correction"]) == [
        "content/posts/x.md:6:1: error: Das Feld 'Title' steht mehrmals im Kopf "
        "(zuerst in Zeile 1).\n    → Behalten Sie nur eine Zeile 'Title: …'."
    ]


def test_a_misspelt_field_gets_a_suggestion_and_the_real_one_is_missing() -> None:
    assert formatted(GOOD.replace("Category:", "Catgory:")) == [
        "content/posts/x.md:3:1: warning: Das Feld 'Catgory' ist unbekannt.\n"
        "    → Meinten Sie 'Category'? Bekannte Felder: Author, Authors, Category, Date, "
        "Description, Image, Lang, Modified, Save_as, Slug, Status, Summary, Tags, Template, "
        "Title, Translation, Url.",
        "content/posts/x.md:4:1: error: Das Pflichtfeld 'Category' fehlt.\n"
        "    → Ergänzen Sie im Kopf der Datei eine Zeile wie 'Category: Einblicke'.",
    ]


@pytest.mark.parametrize("field", ["Title", "Date", "Category", "Author"])
def test_a_required_field_without_a_value_is_an_error(field: str) -> None:
    line = GOOD.splitlines().index(next(x for x in GOOD.splitlines() if x.startswith(field))) + 1
    text = "\n".join(f"{field}:" if x.startswith(f"{field}:") else x for x in GOOD.splitlines())
    problems = check_header(parse_header(text), "content/posts/x.md", settings(), "article")
    assert [(p.line, p.rule, p.severity) for p in problems] == [(line, "empty", "error")]
    assert problems[0].message == f"Das Feld '{field}' ist leer."
