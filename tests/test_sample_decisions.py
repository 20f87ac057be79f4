"""Every decision in the sample company agrees with its poll's committed numbers."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from idea_polls.blocks import read_polls
from idea_polls.model import Option, Poll
from idea_polls.snapshot import read_snapshots

from tests.decision_claims import UnclearClaim, claims, contradictions

CONTENT = Path(__file__).resolve().parents[1] / "content"
OPTIONS = (
    Option("pannenkurs", "Pannenhilfe – Schlauch flicken, Reifen wechseln"),
    Option("bremsen", "Scheibenbremsen entlüften und einstellen"),
    Option("ebike", "E-Bike im Alltag – Akku, Software und Pflege"),
)
VOTES = {"pannenkurs": 20, "bremsen": 22, "ebike": 9}


def decided_polls() -> list[Poll]:
    """Every poll with a decision text in the sample posts."""
    found = []
    for path in sorted((CONTENT / "posts").rglob("*.md")):
        source = path.read_text(encoding="utf-8")
        read = read_polls(source, str(path), "de", ZoneInfo("Europe/Zurich"))
        assert not read.problems, read.problems
        found += [p for p in read.polls if p and p.decision and p.decision.response]
    return found


def test_the_sample_has_decisions_that_name_ranks() -> None:
    named = [poll.id for poll in decided_polls() if claims(poll.decision.response, poll.options)]
    assert named == ["pendeln-werk-2026", "schrauberkurs-kreuzlingen-2026"]


@pytest.mark.parametrize("poll", decided_polls(), ids=lambda poll: poll.id)
def test_every_decision_agrees_with_the_committed_results(poll: Poll) -> None:
    snapshot = read_snapshots(str(CONTENT / "data" / "poll-results.json")).get(poll.id)
    assert snapshot is not None, f"{poll.source_path}:{poll.line}: no results for {poll.id}"
    assert set(snapshot.votes) == {option.id for option in poll.options}
    assert sum(snapshot.votes.values()) <= snapshot.total * poll.max
    problems = [
        f"{poll.source_path}:{poll.line}: {problem} ({claim.sentence})"
        for claim in claims(poll.decision.response, poll.options)
        for problem in contradictions(claim, snapshot.votes, snapshot.total)
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Scheibenbremsen haben knapp vor der Pannenhilfe gewonnen.", []),
        (
            "Die Pannenhilfe hat knapp vor den Scheibenbremsen gewonnen.",
            [
                "pannenkurs is at rank 2 with 20 votes, not 1",
                "bremsen is at rank 1 with 22 votes, not 2",
            ],
        ),
        (
            "Den E-Bike-Kurs, knapp auf Platz drei, prüfen wir.",
            ["ebike at 9 vs 20 votes is not narrow"],
        ),
        ("Die Pannenhilfe landete auf dem zweiten Platz.", []),
        ("Die Pannenhilfe landete auf Platz 1.", ["pannenkurs is at rank 2 with 20 votes, not 1"]),
        ("The E-Bike course came third.", []),
        ("The Scheibenbremsen course won narrowly ahead of the Pannenhilfe course.", []),
        ("Pflege des Akkus: vorne.", ["ebike is at rank 3 with 9 votes, not 1"]),
        ("Wir starten im Januar mit vier Abendterminen.", []),
    ],
    ids=[
        "right",
        "swapped",
        "not-narrow",
        "second-place",
        "wrong-place",
        "english-third",
        "english-won",
        "leads-wrongly",
        "no-claim",
    ],
)
def test_the_checker_finds_wrong_ranks(text: str, expected: list[str]) -> None:
    found = [
        problem for claim in claims(text, OPTIONS) for problem in contradictions(claim, VOTES, 51)
    ]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gewonnen hat knapp der Vorschlag von Reto.",
        "Auf Platz zwei landete, was viele erwartet hatten.",
        "Die Scheibenbremsen haben vor allen anderen gewonnen.",
    ],
    ids=["winner-unnamed", "place-unnamed", "ahead-of-nobody"],
)
def test_a_rank_the_checker_cannot_place_is_an_error(text: str) -> None:
    with pytest.raises(UnclearClaim):
        claims(text, OPTIONS)
