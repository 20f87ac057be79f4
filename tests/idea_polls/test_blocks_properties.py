"""Any text in a ```poll block: a Poll or Problems at real file lines, never an exception."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st
from idea_polls.blocks import POLL_KEYS, read_polls

PATH = "content/posts/probe.md"
ZONE = ZoneInfo("Europe/Zurich")
HEADER = "Title: Probe\nDate: 2026-10-06\n\n"  # the fence opens on line 4
EDITOR_LINES = re.compile(r"\r\n|\r|\n")
KEYS = [*POLL_KEYS, "id", "label", "description", "status", "response", "optionen", "- id"]
SCALARS = [
    "kantine-2027",
    "Welche Idee?",
    "true",
    "vielleicht",
    "2",
    "0",
    "²",
    "١",
    "2027-01-31",
    "2027-02-30",
    "2027-01-31T12:00:00+01:00",
    "after_close",
    "planned",
    "~",
    "[a, b]",
    "{x: 1}",
    "&anker x",
    "*anker",
    "!!binary AAAA",
    '"\\u2028"',
    "|",
]

yaml_lines = st.builds(
    lambda indent, key, value: f"{indent}{key}: {value}",
    st.sampled_from(["", "  ", "    ", "  - ", "      ", "\t"]),
    st.sampled_from(KEYS),
    st.one_of(st.sampled_from(SCALARS), st.text(max_size=20)),
)
bodies = st.one_of(
    st.lists(st.one_of(yaml_lines, st.text(max_size=30)), max_size=15).map("\n".join),
    st.text(),
)


def post(body: str, closed: bool = True) -> str:
    """A post with one poll block after a three-line header."""
    return HEADER + "```poll\n" + body + ("\n```\n\nDanach.\n" if closed else "\n")


def editor_lines(text: str) -> list[str]:
    """The file's lines as an editor numbers them."""
    return EDITOR_LINES.split(text)


GOOD = "id: p\nquestion: Q?\noptions:\n  - id: a\n    label: A\n"


@settings(max_examples=1000, deadline=None)
@given(bodies, st.booleans(), st.sampled_from(["de", "en"]))
@example(
    "id: p\nquestion: Q?\nmultiple: true\nmax: ²\noptions:\n  - id: a\n    label: A", True, "de"
)
@example("[" * 5000, True, "de")
@example("question: a\u2028b\nid: 'x y'", True, "en")
@example("options:\n  - id: a\n    label: A\x85B\n  - id: a\n    label: C", True, "de")
@example(GOOD + "closes: 9999-12-31T23:59:59-23:59", True, "en")
def test_any_poll_block_gives_a_poll_or_problems_at_file_lines(
    body: str, closed: bool, lang: str
) -> None:
    source = post(body, closed)
    found = read_polls(source, PATH, lang, ZONE)
    lines = editor_lines(source)
    for problem in found.problems:
        assert (problem.path, problem.rule) == (PATH, "poll")
        assert 1 <= problem.line <= len(lines), problem
        assert problem.column >= 1
        assert problem.message.strip() and problem.fix.strip(), problem
    for poll in found.polls:
        if poll is not None:
            assert lines[poll.line - 1].startswith("```poll")
            assert poll.options and poll.max >= 1


# Characters YAML accepts in a quoted scalar, with the line breaks YAML and Python know of.
QUOTABLE = st.text(
    st.one_of(
        st.characters(exclude_categories=("Cs", "Cc", "Cn")),
        st.sampled_from(["\x85", "\u2028", "\u2029", "\t"]),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(QUOTABLE, st.sampled_from(["label", "question", "description"]))
@example("A\u2028B", "question")
@example("A\x85B", "label")
def test_a_problem_after_odd_characters_names_the_line_an_editor_shows(odd: str, key: str) -> None:
    quoted = "'" + odd.replace("'", "''") + "'"
    body = GOOD + f"description: {quoted}" if key == "label" else f"{key}: {quoted}\n{GOOD}"
    source = post(body + "\nmultiple: vielleicht")
    lines = editor_lines(source)
    problems = read_polls(source, PATH, "de", ZONE).problems
    assert any(lines[p.line - 1].startswith("multiple: vielleicht") for p in problems), [
        (p.line, p.message) for p in problems
    ]


def test_what_the_properties_found_is_reported_in_plain_words() -> None:
    superscript = post(
        "id: p\nquestion: Q?\nmultiple: true\nmax: ²\noptions:\n  - id: a\n    label: A"
    )
    deep = post("[" * 5000)
    shifted = post("question: 'a\u2028b'\n" + GOOD.replace("question: Q?\n", "") + "max: x")
    reported = [
        [p.format() for p in read_polls(source, PATH, "en", ZONE).problems]
        for source in (superscript, deep, shifted)
    ]
    assert reported == [
        [
            f"{PATH}:8:6: error: '²' is not a whole number for 'max'.\n"
            "    → Write how many votes each reader has, e.g. 'max: 2'."
        ],
        [
            f"{PATH}:4:1: error: The poll block is nested too deeply to be read.\n"
            "    → A poll has three levels: fields, options and their fields. "
            "Check that every bracket [ or { is closed again."
        ],
        [
            f"{PATH}:10:6: error: 'x' is not a whole number for 'max'.\n"
            "    → Write how many votes each reader has, e.g. 'max: 2'."
        ],
    ]
