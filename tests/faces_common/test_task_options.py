"""A number option of an invoke task given a wrong value: one plain line, exit 1, no traceback."""

from __future__ import annotations

import pytest

from tests.sites import env_without_faces, run_invoke

# The whole error output in each report language, for an option, its bad value, the lowest
# number the option takes and the example the line suggests.
SAYS = {
    "de": "{option} {value}: das ist keine ganze Zahl ab {lowest}. "
    "Schreiben Sie z. B. {option} {example}.\n",
    "en": "{option} {value}: not a whole number of at least {lowest}. "
    "Write e.g. {option} {example}.\n",
}
# (task, option, bad value, FACES_LOCALE, lowest number it takes, example in the line)
BAD = [
    ("livereload", "--port", "abc", "de_CH", 1, 8001),
    ("livereload", "--port", "0", "de_CH", 1, 8001),
    ("livereload", "--port", "80.5", "de_DE", 1, 8001),
    ("livereload", "--port", "acht", "en_GB", 1, 8001),
    ("reach-report", "--few", "x", "de_CH", 0, 5),
    ("reach-report", "--few", "-3", "de_CH", 0, 5),
    ("reach-report", "--days", "0", "en_GB", 1, 30),
    ("reach-report", "--top", "zehn", "de_CH", 1, 10),
]


@pytest.mark.parametrize(
    ("task", "option", "value", "locale", "lowest", "example"),
    BAD,
    ids=[f"{task} {option} {value}" for task, option, value, *_ in BAD],
)
def test_a_bad_number_is_one_plain_line(
    task: str, option: str, value: str, locale: str, lowest: int, example: int
) -> None:
    run = run_invoke(task, option, value, env=env_without_faces(FACES_LOCALE=locale))
    says = SAYS[locale[:2]].format(option=option, value=value, lowest=lowest, example=example)
    assert (run.returncode, run.stdout, run.stderr) == (1, "", says)
