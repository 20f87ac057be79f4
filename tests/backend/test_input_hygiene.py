"""Hostile or odd input: replayed suggestions, bytes that are not UTF-8, invisible text."""

from __future__ import annotations

import pytest

from faces_backend.http.settings import Settings
from tests.backend.helpers import JSON, TestClient, refusal, rows

pytestmark = pytest.mark.both_stores

SUGGESTED = (
    "Danke! Ihre Stimme wurde gezählt. Ihr Vorschlag erscheint, sobald die Redaktion ihn "
    "freigegeben hat."
)
COUNTED_DROPPED = (
    "Danke! Ihre Stimme wurde gezählt. Ihr Vorschlag wurde nicht gespeichert, weil diese "
    "Anfrage schon einmal mit einem anderen Inhalt angekommen war: Bitte laden Sie die Seite "
    "neu und senden Sie ihn noch einmal."
)
DROPPED = (
    "Diese Anfrage wurde schon einmal gesendet und ist angekommen. Ihr Vorschlag darin wurde "
    "dabei nicht gespeichert: Bitte laden Sie die Seite neu und senden Sie ihn noch einmal."
)


def test_a_replayed_suggestion_that_was_stored_is_reported_as_stored(
    client: TestClient, settings: Settings
) -> None:
    fields = {"poll": "kantine-2027", "choice": "cafe", "suggestion": "Obst", "_sid": "sid-00001"}
    first = client.post("/vote", data=fields, headers=JSON)
    again = client.post("/vote", data=fields, headers=JSON)
    assert first.json()["message"] == again.json()["message"] == SUGGESTED
    assert again.json()["duplicate_retry"] is True
    assert "suggestion_stored" not in again.json()
    assert rows(settings, "SELECT text FROM suggestions") == [("Obst",)]


@pytest.mark.parametrize(
    "first",
    [
        {"poll": "kantine-2027", "choice": "cafe"},
        {"poll": "kantine-2027", "choice": "cafe", "suggestion": "Obst"},
        {"poll": "kantine-2027", "suggestion": "Obst"},
    ],
)
def test_a_replay_whose_suggestion_was_dropped_says_so(
    client: TestClient, settings: Settings, first: dict[str, str]
) -> None:
    client.post("/vote", data={**first, "_sid": "sid-00002"}, headers=JSON)
    replay = {**first, "suggestion": "Mehr Gemüse", "_sid": "sid-00002"}
    again = client.post("/vote", data=replay, headers=JSON)
    body = again.json()
    expected = COUNTED_DROPPED if "choice" in first else DROPPED
    assert (body["message"], body["suggestion_stored"], body["duplicate_retry"]) == (
        expected,
        False,
        True,
    )
    assert "erscheint" not in body["message"]
    stored = rows(settings, "SELECT text FROM suggestions")
    assert ("Mehr Gemüse",) not in stored


def test_latin1_multipart_is_400_and_stores_nothing(client: TestClient, settings: Settings) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="poll"\r\n\r\nkantine-2027\r\n'
        b'--b\r\nContent-Disposition: form-data; name="choice"\r\n\r\ncafe\r\n'
        b'--b\r\nContent-Disposition: form-data; name="suggestion"\r\n\r\n'
        b"Gr\xfcner Tee\r\n--b--\r\n"
    )
    headers = {**JSON, "Content-Type": "multipart/form-data; boundary=b"}
    response = client.post("/vote", content=body, headers=headers)
    assert response.status_code == 400
    assert response.json() == refusal(
        "malformed", None, "Die Anfrage konnte nicht gelesen werden. Bitte laden Sie die Seite neu."
    )
    for table in ("ballots", "suggestions"):
        assert rows(settings, f"SELECT count(*) FROM {table}") == [(0,)], table


def test_a_hostile_suggestion_is_stored_clean(client: TestClient, settings: Settings) -> None:
    fields = {"poll": "kantine-2027", "suggestion": "\u202eSalat\u200bbar\u2066 Cafe\u0301\x1b"}
    assert client.post("/vote", data=fields, headers=JSON).status_code == 202
    assert rows(settings, "SELECT text FROM suggestions") == [("Salatbar Café",)]


@pytest.mark.parametrize("suggestion", ["Obst", "Mehr Gemüse"])
def test_a_retry_that_adds_a_choice_to_a_stored_suggestion_counts_the_vote(
    client: TestClient, settings: Settings, suggestion: str
) -> None:
    # The answer to a suggestion was lost; the reader then also picks an idea and sends
    # again: the script keeps the _sid of the unanswered request.
    first = {"poll": "kantine-2027", "suggestion": "Obst", "_sid": "sid-00003"}
    client.post("/vote", data=first, headers=JSON)
    fields = {**first, "choice": "cafe", "suggestion": suggestion}
    again = client.post("/vote", data=fields, headers=JSON)
    assert again.status_code == 201
    assert again.json()["status"] == "counted"
    assert rows(settings, "SELECT ballots FROM totals") == [(1,)]
    assert rows(settings, "SELECT text FROM suggestions") == [("Obst",)]
    expected = SUGGESTED if suggestion == "Obst" else COUNTED_DROPPED
    assert again.json()["message"] == expected
