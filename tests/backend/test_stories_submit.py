"""POST /stories: a good proposal is stored; every defence and bad input stores nothing."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from faces_backend import Settings
from tests.backend.helpers import FORM, JSON, TestClient
from tests.backend.stories_support import (
    NEXT,
    STORIES,
    make_story_client,
    story_client,
    story_settings,
)

pytestmark = pytest.mark.both_stores

__all__ = ["make_story_client", "story_client", "story_settings"]

GOOD_ROW = (
    "someone",
    "Kollegin Eva hat die Kantine auf Mehrweg umgestellt.\n\nFragt sie!",
    "Eva Beispiel",
    "Einkauf",
    "Lena",
    "lena@example.com",
    "pending",
)


def test_a_good_proposal_with_script_is_stored_pending(
    story_client: TestClient, settings: Settings
) -> None:
    answer = STORIES.post(story_client)
    assert answer.status_code == 201
    assert answer.json() == {
        "status": "received",
        "message": "Danke! Ihr Vorschlag ist bei der Redaktion angekommen. Die Redaktion "
        "meldet sich, wenn Sie eine Kontaktmöglichkeit angegeben haben.",
    }
    assert STORIES.stored(settings) == [GOOD_ROW]


def test_without_script_the_proposal_is_shown_once_more_and_then_stored(
    story_client: TestClient, settings: Settings
) -> None:
    first = story_client.post("/stories", data=STORIES.fields(), headers=FORM)
    assert first.status_code == 200 and STORIES.stored(settings) == []
    assert "default-src 'none'" in first.headers["content-security-policy"]
    assert "Bitte prüfen Sie Ihren Vorschlag" in first.text
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', first.text))
    assert set(hidden) == {*STORIES.fields(), "stamp"}
    # The confirm button posts from the backend's own page.
    own = {**FORM, "Origin": "https://testserver"}
    confirmed = story_client.post("/stories", data=_unescape(hidden), headers=own)
    assert confirmed.status_code == 201
    assert "Danke! Ihr Vorschlag ist bei der Redaktion angekommen." in confirmed.text
    assert f'href="{NEXT}"' in confirmed.text
    assert STORIES.stored(settings) == [GOOD_ROW]


def _unescape(fields: dict[str, str]) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in fields.items()}


@pytest.mark.parametrize(
    ("changes", "field", "error", "words"),
    [
        ({"about": ""}, "about", "missing", "Worum geht es"),
        ({"about": "board"}, "about", "invalid", "um mich selbst"),
        ({"text": ""}, "text", "missing", "Die Geschichte"),
        ({"text": " \u200b\n "}, "text", "missing", "Die Geschichte"),
        ({"text": "x" * 4001}, "text", "too_long", "höchstens 4000 Zeichen"),
        ({"department": ""}, "department", "missing", "Feld „Bereich“"),
        ({"department": "D" * 81}, "department", "too_long", "höchstens 80 Zeichen"),
        ({"person": "P" * 81}, "person", "too_long", "Um wen geht es"),
        ({"proposer": "P" * 81}, "proposer", "too_long", "Vorgeschlagen von"),
        ({"contact": "call me maybe"}, "contact", "invalid", "Telefonnummer"),
        ({"contact": "a@b.ch\r\nBcc: x@y.ch"}, "contact", "invalid", "Kontakt"),
        ({"contact": "1" * 121}, "contact", "too_long", "höchstens 120 Zeichen"),
        ({"colour": "red"}, "colour", "unknown_field", "colour"),
    ],
)
def test_bad_fields_are_named_and_nothing_is_stored(
    story_client: TestClient,
    settings: Settings,
    changes: dict[str, str],
    field: str,
    error: str,
    words: str,
) -> None:
    body = STORIES.refusal(story_client, settings, 422, **changes)
    assert (body["field"], body["error"]) == (field, error)
    assert words in body["message"]


def test_without_script_a_refusal_names_the_field_and_says_how_to_keep_the_text(
    story_client: TestClient, settings: Settings
) -> None:
    answer = STORIES.post(story_client, headers=FORM, contact="irgendwo")
    assert answer.status_code == 422
    assert "weder eine E-Mail-Adresse noch eine Telefonnummer (Feld „Kontakt“)" in answer.text
    assert "gehen Sie im Browser zurück" in answer.text and "<a " not in answer.text
    assert STORIES.stored(settings) == []


def test_optional_fields_may_be_empty_and_a_phone_number_is_a_contact(
    story_client: TestClient, settings: Settings
) -> None:
    assert STORIES.post(story_client, person="", proposer="", contact="").status_code == 201
    assert STORIES.post(story_client, about="myself", contact="+41 44 123 45 67").status_code == 201
    assert [row[5] for row in STORIES.stored(settings)] == [None, "+41 44 123 45 67"]


def test_the_same_field_twice_is_refused(story_client: TestClient, settings: Settings) -> None:
    body = urlencode(
        [*STORIES.fields().items(), ("text", "second"), ("stamp", STORIES.stamp(story_client))]
    )
    form_type = {"Content-Type": "application/x-www-form-urlencoded"}
    answer = story_client.post("/stories", content=body, headers={**JSON, **form_type})
    assert (answer.status_code, answer.json()["error"]) == (422, "repeated")
    assert STORIES.stored(settings) == []


def test_the_defences_refuse_and_store_nothing(
    story_client: TestClient, settings: Settings
) -> None:
    foreign = STORIES.post(story_client, headers={**JSON, "Origin": "https://evil.example"})
    away = STORIES.post(story_client, _next="https://evil.example/phish")
    huge = story_client.post(
        "/stories",
        content=b"text=" + b"a" * (200 * 1024),
        headers={**JSON, "Content-Type": "application/x-www-form-urlencoded"},
    )
    not_utf8 = story_client.post(
        "/stories",
        content=b"about=myself&text=L%E9na",
        headers={**JSON, "Content-Type": "application/x-www-form-urlencoded"},
    )
    answers = [(a.status_code, a.json()["status"]) for a in (foreign, away, huge, not_utf8)]
    assert answers == [
        (403, "origin_not_allowed"),
        (403, "origin_not_allowed"),
        (413, "too_large"),
        (400, "malformed"),
    ]
    assert STORIES.stored(settings) == []


def test_the_honeypot_looks_like_success_and_stores_nothing(
    story_client: TestClient, settings: Settings
) -> None:
    answer = STORIES.post(story_client, _hp="http://spam.example")
    assert (answer.status_code, answer.json()["status"]) == (201, "received")
    assert STORIES.stored(settings) == []


@pytest.mark.parametrize(
    ("given", "error"),
    [("", "missing"), ("1.2.3", "invalid"), ("x" * 300, "invalid")],
)
def test_a_script_post_without_a_good_stamp_is_refused(
    story_client: TestClient, settings: Settings, given: str, error: str
) -> None:
    answer = story_client.post("/stories", data={**STORIES.fields(), "stamp": given}, headers=JSON)
    assert (answer.status_code, answer.json()["field"], answer.json()["error"]) == (
        422,
        "stamp",
        error,
    )
    assert STORIES.stored(settings) == []


def test_a_stamp_from_another_form_or_too_young_is_refused(
    make_story_client: Any, settings: Settings
) -> None:
    slow = make_story_client(stories={"min_seconds": 600})
    comment_stamp = slow.get("/comments/stamp").json()["stamp"]
    other = slow.post("/stories", data={**STORIES.fields(), "stamp": comment_stamp}, headers=JSON)
    assert other.json()["error"] == "invalid"
    too_fast = STORIES.post(slow)
    assert (too_fast.status_code, too_fast.json()["error"]) == (422, "too_fast")
    assert STORIES.stored(settings) == []


def test_a_stamp_is_used_once(story_client: TestClient, settings: Settings) -> None:
    fields = {**STORIES.fields(), "stamp": STORIES.stamp(story_client)}
    assert story_client.post("/stories", data=fields, headers=JSON).status_code == 201
    again = story_client.post("/stories", data=fields, headers=JSON)
    assert (again.status_code, again.json()["status"]) == (409, "replayed")
    assert len(STORIES.stored(settings)) == 1


def test_the_rate_limit_refuses_with_retry_after(
    make_story_client: Any, settings: Settings
) -> None:
    client = make_story_client(rate_limit=1)
    assert STORIES.post(client).status_code == 201
    limited = STORIES.post(client)
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert len(STORIES.stored(settings)) == 1


def test_the_intranet_backend_takes_proposals_from_signed_in_staff_only(
    make_story_client: Any, settings: Settings
) -> None:
    client = make_story_client(voter_mode="header")
    assert STORIES.post(client).json()["status"] == "not_signed_in"
    assert STORIES.post(client, headers={**JSON, "X-Remote-User": "FIRMA\\lena"}).status_code == 201
    assert len(STORIES.stored(settings)) == 1


@pytest.mark.sqlite_only  # reads the SQLite file itself
def test_english_answers_and_no_address_in_the_database(
    make_story_client: Any, settings: Settings
) -> None:
    client = make_story_client(language="en")
    headers = {**JSON, "X-Forwarded-For": "203.0.113.77"}
    answer = STORIES.post(client, headers=headers, department="")
    assert answer.json()["message"] == "Please name the department (field 'Department')."
    assert STORIES.post(client, headers=headers).json()["message"].startswith("Thank you!")
    client.__exit__(None, None, None)  # checkpoint the WAL into the file
    everything = b"".join(p.read_bytes() for p in Path(settings.db_path).parent.glob("*.sqlite3*"))
    assert b"203.0.113.77" not in everything and b"Einkauf" in everything
