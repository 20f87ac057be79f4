"""Rank claims in a poll decision's text ("knapp auf Platz drei", "won narrowly ahead of …").

Why parse the text rather than add a structured `winner:` field: the contradiction readers
see is in the sentence itself; a field next to it could be right while the sentence stays
wrong. The checker therefore reads every sentence, and a sentence with a rank word whose
option it cannot tell apart is itself an error, so a new phrasing can never pass unchecked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from idea_polls.model import Option

NUMBERS = {
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "fünften": 5,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
}  # fmt: skip
_NUMBER = r"(\d|" + "|".join(NUMBERS) + r")"
# "auf Platz drei", "Platz 2", "auf dem dritten Platz", "in third place", "came second".
PLACE = re.compile(
    rf"\bPlatz\s+{_NUMBER}\b|\b{_NUMBER}\s+Platz\b|\b{_NUMBER}\s+place\b|\bcame\s+{_NUMBER}\b",
    re.IGNORECASE,
)
# "A hat/haben (knapp) vor B gewonnen", "A won (narrowly) ahead of B".
AHEAD = re.compile(r"\b(vor|ahead of|over)\b", re.IGNORECASE)
WON = re.compile(r"\b(gewonnen|gewinnt|Sieger\w*|vorne|won|wins|winner|leads?)\b", re.IGNORECASE)
NARROW = re.compile(r"\b(knapp\w*|narrow\w*|close\w*)\b", re.IGNORECASE)
# Words of a label too common to name one option.
COMMON = {"oder", "auch", "einmal", "alle", "eine", "einen", "with", "from", "your"}
# Share of the ballots within which a lead or gap may be called narrow.
NARROW_SHARE = 0.1


@dataclass(frozen=True)
class Claim:
    """One option said to be at one rank, maybe narrowly, in one sentence."""

    option: str
    rank: int
    narrow: bool
    sentence: str


class UnclearClaim(ValueError):
    """A sentence speaks of a rank or a win but names no option the checker can find."""


def sentences(text: str) -> list[str]:
    """Split a decision's response into sentences."""
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if part.strip()]


def mentions(sentence: str, options: tuple[Option, ...]) -> list[tuple[int, str]]:
    """Return (position, option id) of each option a sentence names by a word of its label."""
    found: list[tuple[int, str]] = []
    for option in options:
        words = {w.lower() for w in re.findall(r"[^\W\d_]{4,}", option.label)} - COMMON
        for match in re.finditer(r"[\w-]+", sentence):
            word = match.group().lower()
            if any(w in word.split("-") or word.startswith(w) for w in words):
                found.append((match.start(), option.id))
                break
    return sorted(found)


def claims(text: str, options: tuple[Option, ...]) -> list[Claim]:
    """Return every rank claim of a decision text; raise UnclearClaim for one it cannot place."""
    found: list[Claim] = []
    for sentence in sentences(text):
        named = mentions(sentence, options)
        narrow = bool(NARROW.search(sentence))
        places = list(PLACE.finditer(sentence))
        won = WON.search(sentence)
        if not places and not won:
            continue
        if not named:
            raise UnclearClaim(f"no option named in: {sentence!r}")
        for place in places:
            before = [option for position, option in named if position < place.start()]
            word = next(group for group in place.groups() if group).lower()
            rank = int(word) if word.isdigit() else NUMBERS[word]
            found.append(Claim((before or [named[0][1]])[-1], rank, narrow, sentence))
        if won:
            ahead = AHEAD.search(sentence)
            if ahead:
                before = [option for position, option in named if position < ahead.start()]
                after = [option for position, option in named if position > ahead.end()]
                if not before or not after:
                    raise UnclearClaim(f"who is ahead of whom in: {sentence!r}")
                found.append(Claim(before[-1], 1, narrow, sentence))
                found.append(Claim(after[0], 2, narrow, sentence))
            elif not places:
                found.append(Claim(named[0][1], 1, narrow, sentence))
    return found


def contradictions(claim: Claim, votes: dict[str, int], total: int) -> list[str]:
    """Return what the numbers say against a claim (empty when they agree)."""
    mine = votes.get(claim.option, 0)
    rank = 1 + sum(1 for other in votes.values() if other > mine)
    problems = []
    if rank != claim.rank:
        problems.append(f"{claim.option} is at rank {rank} with {mine} votes, not {claim.rank}")
    elif claim.narrow:
        neighbour = sorted(votes.values(), reverse=True)[rank if rank == 1 else rank - 2]
        if abs(neighbour - mine) > NARROW_SHARE * max(total, 1):
            problems.append(f"{claim.option} at {mine} vs {neighbour} votes is not narrow")
    return problems
