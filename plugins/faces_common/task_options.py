"""Whole-number options of the invoke tasks: a wrong value is one plain line, never a traceback."""

from __future__ import annotations

from collections.abc import Callable

from invoke.exceptions import ParseError

_TEXTS = {
    "de": (
        "--{option} {value}: das ist keine ganze Zahl{least}. "
        "Schreiben Sie z. B. --{option} {example}."
    ),
    "en": "--{option} {value}: not a whole number{least}. Write e.g. --{option} {example}.",
}
_LEAST = {"de": " ab {minimum}", "en": " of at least {minimum}"}


class _WholeNumber(int):
    """An int option; invoke converts the command line's text with this type."""

    option = ""
    default = 0
    minimum = 0
    example = 0
    language: Callable[[], str] = staticmethod(lambda: "de")

    def __new__(cls, value: object) -> _WholeNumber:
        # invoke calls the default's type on the text and lets a ValueError escape as a
        # traceback; a ParseError it prints as one line and exits 1.
        try:
            number: int | None = int(str(value).strip())
        except ValueError:
            number = None
        # invoke also converts the default, which may stand for "not given" (-1).
        if number is None or (number < cls.minimum and number != cls.default):
            lang = "en" if cls.language() == "en" else "de"
            least = _LEAST[lang].format(minimum=cls.minimum)
            message = _TEXTS[lang].format(
                option=cls.option, value=value, least=least, example=cls.example
            )
            raise ParseError(message)
        return super().__new__(cls, number)


def whole_number(
    option: str, default: int, minimum: int, example: int, language: Callable[[], str]
) -> int:
    """Return the default of an int task option whose bad values invoke reports in plain words."""
    values = {
        "option": option,
        "default": default,
        "minimum": minimum,
        "example": example,
        "language": staticmethod(language),
    }
    kind: type[_WholeNumber] = type(
        f"{option.title().replace('-', '')}Option", (_WholeNumber,), values
    )
    return kind(default)
