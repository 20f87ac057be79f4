"""A number option of an invoke task given a wrong value: one plain line, exit 1, no traceback."""

from __future__ import annotations

import pytest

from tests.sites import env_without_faces, run_invoke

# (task and option with a bad value, FACES_LOCALE, the whole error output)
BAD = [
    (
        ["livereload", "--port", "abc"],
        "de_CH",
        "--port abc: das ist keine ganze Zahl ab 1. Schreiben Sie z. B. --port 8001.",
    ),
    (
        ["livereload", "--port", "0"],
        "de_CH",
        "--port 0: das ist keine ganze Zahl ab 1. Schreiben Sie z. B. --port 8001.",
    ),
    (
        ["livereload", "--port", "80.5"],
        "de_DE",
        "--port 80.5: das ist keine ganze Zahl ab 1. Schreiben Sie z. B. --port 8001.",
    ),
    (
        ["livereload", "--port", "acht"],
        "en_GB",
        "--port acht: not a whole number of at least 1. Write e.g. --port 8001.",
    ),
    (
        ["reach-report", "--few", "x"],
        "de_CH",
        "--few x: das ist keine ganze Zahl ab 0. Schreiben Sie z. B. --few 5.",
    ),
    (
        ["reach-report", "--few", "-3"],
        "de_CH",
        "--few -3: das ist keine ganze Zahl ab 0. Schreiben Sie z. B. --few 5.",
    ),
    (
        ["reach-report", "--days", "0"],
        "en_GB",
        "--days 0: not a whole number of at least 1. Write e.g. --days 30.",
    ),
    (
        ["reach-report", "--top", "zehn"],
        "de_CH",
        "--top zehn: das ist keine ganze Zahl ab 1. Schreiben Sie z. B. --top 10.",
    ),
]


@pytest.mark.parametrize(
    ("arguments", "locale", "expected"), BAD, ids=[" ".join(a) for a, _, _ in BAD]
)
def test_a_bad_number_is_one_plain_line(arguments: list[str], locale: str, expected: str) -> None:
    run = run_invoke(*arguments, env=env_without_faces(FACES_LOCALE=locale))
    assert (run.returncode, run.stdout, run.stderr) == (1, "", expected + "\n")
