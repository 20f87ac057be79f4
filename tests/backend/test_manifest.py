"""Parsing the poll manifest: the records, and a message naming each problem."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from faces_backend.http.documents import ManifestError
from faces_backend.polls.manifest import Poll, parse_manifest
from tests.backend.helpers import poll

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "polls-hook.md"


def manifest(*polls: dict[str, Any], **top: Any) -> str:
    return json.dumps(
        {"version": 1, "generated": "2026-11-22T10:00:00+00:00", "polls": polls, **top}
    )


def contract_example() -> str:
    """The manifest example of the contract, docs/polls-hook.md (its first JSON block)."""
    section = CONTRACT.read_text(encoding="utf-8").split("## The poll manifest", 1)[1]
    return section.split("```json\n", 1)[1].split("```", 1)[0]


def test_the_example_from_the_contract() -> None:
    parsed = parse_manifest(contract_example())
    assert parsed.generated == "2026-11-22T10:00:00+00:00"
    assert parsed.polls == {
        "kantine-2027": Poll(
            id="kantine-2027",
            question="Welche Idee …?",
            url="/posts/2026/kantine/#poll-kantine-2027",
            options={"salatbar": "Salatbar", "werkstattcafe": "Werkstattcafé"},
            multiple=False,
            max=1,
            closes=datetime(2027, 1, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=1))),
            results="after_vote",
            suggestions=True,
        )
    }


def test_closing() -> None:
    closes = parse_manifest(manifest(poll("p", closes="2027-01-31T23:00:00+00:00"))).polls["p"]
    assert not closes.closed_at(datetime(2027, 1, 31, 22, 59, tzinfo=UTC))
    assert closes.closed_at(datetime(2027, 1, 31, 23, 0, tzinfo=UTC))
    never = parse_manifest(manifest(poll("p", closes=None))).polls["p"]
    assert not never.closed_at(datetime(9999, 1, 1, tzinfo=UTC))


def test_multiple_choice_max_defaults_to_all_options_and_is_capped() -> None:
    entry = poll("p", multiple=True)
    del entry["max"]
    assert parse_manifest(manifest(entry)).polls["p"].max == 2
    assert parse_manifest(manifest(poll("p", multiple=True, max=9))).polls["p"].max == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "the manifest is not valid JSON: Expecting property name enclosed in double quotes"),
        ("[]", "the manifest must be a JSON object with 'version' and 'polls'"),
        (manifest(version=2), "'version' is 2; this backend reads version 1"),
        (manifest(polls={}), "'polls' must be a list"),
        (
            manifest(poll("a b")),
            "polls[0].id is 'a b'; expected 1-64 characters of A-Z a-z 0-9 _ -",
        ),
        (manifest(poll("p"), poll("p")), "poll id 'p' appears twice"),
        (manifest(poll("p", options=[])), "poll 'p': 'options' must be a non-empty list"),
        (
            manifest(poll("p", options=[{"id": "x"}, {"id": "x"}])),
            "poll 'p': option id 'x' appears twice",
        ),
        (
            manifest(poll("p", max=2)),
            "poll 'p': 'max' is 2 but 'multiple' is false; use max 1",
        ),
        (
            manifest(poll("p", results="never")),
            "poll 'p': 'results' is 'never'; expected one of live, after_vote, after_close",
        ),
        (
            manifest(poll("p", closes="2027-01-31")),
            "poll 'p': 'closes' is '2027-01-31'; expected null or an ISO 8601 date-time with "
            "UTC offset, e.g. 2027-01-31T23:59:59+01:00",
        ),
        (
            manifest(poll("p", suggestions="yes")),
            "poll 'p': 'suggestions' is 'yes'; expected true or false",
        ),
    ],
)
def test_problems_are_named(text: str, message: str) -> None:
    with pytest.raises(ManifestError) as caught:
        parse_manifest(text)
    assert str(caught.value).startswith(message)
