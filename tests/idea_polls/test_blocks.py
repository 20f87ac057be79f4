"""Poll blocks: found in the Markdown, checked, every problem at its line in the file."""

from __future__ import annotations

import textwrap
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from idea_polls.blocks import find_fences, read_polls
from idea_polls.generator import unique_polls
from idea_polls.model import Decision, Option, Poll

ZONE = ZoneInfo("Europe/Zurich")
HEADER = "Title: Kantine\nDate: 2026-10-06\n\nText davor.\n\n"  # the fence is on line 6


def post(block: str) -> str:
    """A post whose ```poll fence opens on line 6 and whose YAML starts on line 7."""
    return HEADER + "```poll\n" + textwrap.dedent(block).strip("\n") + "\n```\n\nText danach.\n"


GOOD = """\
    id: kantine-2027
    question: Welche Idee zuerst?
    options:
      - id: salatbar
        label: Salatbar
        description: Jeden Tag frisch.
      - id: cafe
        label: Werkstattcafé
    multiple: true
    max: 2
    closes: 2027-01-31
    results: after_close
    suggestions: yes
    decision:
      status: planned
      response: Die Salatbar kommt im März.
"""


def test_a_valid_block_becomes_a_poll() -> None:
    found = read_polls(post(GOOD), "content/posts/kantine.md", "de", ZONE)
    assert found.problems == []
    assert found.polls == [
        Poll(
            id="kantine-2027",
            question="Welche Idee zuerst?",
            options=(
                Option("salatbar", "Salatbar", "Jeden Tag frisch."),
                Option("cafe", "Werkstattcafé"),
            ),
            multiple=True,
            max=2,
            closes=datetime(2027, 1, 31, 23, 59, 59, tzinfo=ZONE),
            results_mode="after_close",
            suggestions=True,
            decision=Decision("planned", "Die Salatbar kommt im März."),
            source_path="content/posts/kantine.md",
            line=6,
        )
    ]


def test_defaults_single_choice_results_after_voting_no_suggestions() -> None:
    block = """\
        id: kurs
        question: Welcher Kurs?
        options:
          - {id: a, label: A}
          - {id: b, label: B}
        closes: 2027-03-01 18:30
    """
    [poll] = read_polls(post(block), "p.md", "de", ZONE).polls
    assert poll is not None
    assert (poll.multiple, poll.max, poll.results_mode, poll.suggestions, poll.decision) == (
        False,
        1,
        "after_vote",
        False,
        None,
    )
    assert poll.closes == datetime(2027, 3, 1, 18, 30, tzinfo=ZONE)


# (block, expected "line: message" of the first problem); the YAML starts on line 7.
INVALID = [
    ("id: x\nquestion: Q?\n", "6: Die Umfrage hat keine Optionen."),
    ("id: x\nquestion: Q?\noptions: []\n", "9: Die Umfrage hat keine Optionen."),
    ("question: Q?\noptions:\n  - {id: a, label: A}\n", "6: Im Umfrage-Block fehlt 'id'."),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\ncloses: 31.01.2027\n",
        "11: '31.01.2027' in 'closes' ist kein gültiges Datum.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\nclose: 2027-01-31\n",
        "11: 'close' ist hier unbekannt.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - id: a\n    lable: A\n",
        "11: 'lable' ist hier unbekannt.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\n  - {id: a, label: B}\n",
        "11: Die Options-ID 'a' kommt mehrmals vor (zuerst in Zeile 10).",
    ),
    (
        "id: Kantine 2027\nquestion: Q?\noptions:\n  - {id: a, label: A}\n",
        "7: 'Kantine 2027' ist als ID nicht erlaubt.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\nmultiple: true\nmax: 3\n",
        "12: 'max' ist 3, die Umfrage hat aber nur 1 Optionen.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\n  - {id: b, label: B}\nmax: 2\n",
        "12: 'max: 2' passt nicht zur Einfachauswahl.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\nresults: immer\n",
        "11: 'immer' ist für 'results' nicht erlaubt.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\nresults: after_close\n",
        "11: 'results: after_close' zeigt die Ergebnisse erst nach dem Ende, aber 'closes' fehlt.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\nsuggestions: vielleicht\n",
        "11: 'vielleicht' ist für 'suggestions' kein Ja-/Nein-Wert.",
    ),
    (
        "id: x\nquestion: Q?\noptions:\n  - {id: a, label: A}\ndecision:\n  status: maybe\n",
        "12: 'maybe' ist für 'status' nicht erlaubt.",
    ),
    (
        "id: x\nquestion: Q?\nquestion: R?\noptions:\n  - {id: a, label: A}\n",
        "9: 'question' steht zweimal (zuerst in Zeile 8).",
    ),
    ("id: x\nquestion: [Q\n", "8: Der Umfrage-Block ist kein gültiges YAML"),
    ("- nur eine Liste\n", "7: Der Umfrage-Block muss aus Zeilen 'Schlüssel: Wert' bestehen."),
]


@pytest.mark.parametrize(("block", "expected"), INVALID, ids=[e for _, e in INVALID])
def test_each_invalid_block_is_one_problem_at_its_line(block: str, expected: str) -> None:
    found = read_polls(post(block), "content/posts/kantine.md", "de", ZONE)
    assert found.polls == [None]
    assert found.problems, "expected a problem"
    first = found.problems[0]
    where_and_what = f"{first.path}:{first.line}: {first.message}"
    assert where_and_what.startswith(f"content/posts/kantine.md:{expected}"), where_and_what
    assert first.fix, "every problem says how to fix it"


def test_an_unclosed_block_is_reported_at_its_fence() -> None:
    text = HEADER + "```poll\nid: x\n"
    found = read_polls(text, "p.md", "en", ZONE)
    assert found.polls == []
    assert [p.format() for p in found.problems] == [
        "p.md:6:1: error: The poll block that starts here is never closed.\n"
        "    → End it with a line that holds only '```'."
    ]


def test_poll_fences_inside_other_code_blocks_are_examples_not_polls() -> None:
    lines = [
        "````markdown",
        "```poll",
        "id: example",
        "```",
        "````",
        "~~~poll",
        "id: real",
        "~~~",
    ]
    assert [(f.line, f.body) for f in find_fences(lines)] == [(6, ("id: real",))]


def test_a_reused_id_in_another_post_is_a_problem_naming_the_first() -> None:
    first = read_polls(post(GOOD), "content/posts/a.md", "de", ZONE).polls[0]
    second = read_polls(post(GOOD), "content/posts/b.md", "de", ZONE).polls[0]
    assert first is not None and second is not None
    kept, problems = unique_polls(iter([second, first]), "de")
    assert kept == [first]
    assert [p.format() for p in problems] == [
        "content/posts/b.md:6:1: error: Die Umfrage-ID 'kantine-2027' gibt es schon in "
        "content/posts/a.md:6.\n    → Jede Umfrage braucht eine eigene ID, z. B. 'kantine-2027-2'."
    ]
