"""The backend's answers in the site's form of address (FACES_ADDRESS) and number agreement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from bs4 import BeautifulSoup

from faces_backend.comments import messages as comment_messages
from faces_backend.comments.notify import texts as notify_texts
from faces_backend.comments.notify.mail import confirmation_message, reply_message
from faces_backend.http.settings import ConfigError, Settings
from faces_backend.polls import messages as poll_messages
from tests.backend.helpers import FORM, NEXT, ClientFactory
from tests.backend.notify_helpers import body, notify_settings, reply
from tests.voice_scan import FORMAL, INFORMAL

TABLES: list[Mapping[str, Mapping[Any, str]]] = [
    poll_messages.STATUS_MESSAGES,
    poll_messages.TEXTS,
    poll_messages.FIELD_MESSAGES,
    comment_messages._TEXTS,
    notify_texts.TEXTS,
]


@pytest.mark.parametrize("table", TABLES)
def test_every_sie_answer_has_its_du_answer(table: Mapping[str, Mapping[Any, str]]) -> None:
    formal = {key for key, text in table["de"].items() if FORMAL.search(text)}
    assert formal and formal <= set(table["de@du"])
    assert [text for text in table["de@du"].values() if FORMAL.search(text)] == []
    assert [text for text in table["de"].values() if INFORMAL.search(text)] == []


@pytest.mark.parametrize(
    ("environ", "address", "voice"),
    [
        ({}, "Sie", "de"),
        ({"FACES_ADDRESS": "du"}, "du", "de@du"),
        ({"FACES_ADDRESS": " Sie "}, "Sie", "de"),
        ({"FACES_ADDRESS": "du", "FACES_LANGUAGE": "en"}, "du", "en"),
    ],
)
def test_the_address_is_the_sites(environ: dict[str, str], address: str, voice: str) -> None:
    settings = Settings.from_env(environ, for_server=False)
    assert (settings.address, settings.voice) == (address, voice)


@pytest.mark.parametrize("raw", ["sie", "Du", "ihr", "formal"])
def test_a_bad_address_names_the_variable_and_the_choices(raw: str) -> None:
    with pytest.raises(ConfigError, match=r"^FACES_ADDRESS has value .*Expected Sie .* or du"):
        Settings.from_env({"FACES_ADDRESS": raw}, for_server=False)


@pytest.mark.parametrize(
    ("address", "message"),
    [("Sie", "Danke! Ihre Stimme wurde gezählt."), ("du", "Danke! Deine Stimme wurde gezählt.")],
)
def test_the_answer_page_speaks_as_the_site(
    make_client: ClientFactory, address: str, message: str
) -> None:
    client = make_client(address=address)
    fields = {"poll": "live", "choice": "cafe", "_next": NEXT}
    response = client.post("/vote", data=fields, headers=FORM)
    assert response.status_code == 201
    page = BeautifulSoup(response.text, "html.parser")
    assert page.html["lang"] == "de"
    assert page.select_one(".poll__live").get_text() == message
    again = client.post("/vote", data=fields, headers=FORM)
    said = BeautifulSoup(again.text, "html.parser").select_one(".poll__live").get_text()
    assert said.startswith("Du hast" if address == "du" else "Sie haben")


@pytest.mark.parametrize(
    ("voice", "count", "expected"),
    [
        ("de", 1, "einer Sekunde"),
        ("de", 2, "2 Sekunden"),
        ("de", 9, "9 Sekunden"),
        ("de@du", 1, "einer Sekunde"),
        ("en", 1, "one second"),
        ("en", 9, "9 seconds"),
    ],
)
def test_a_wait_agrees_with_its_number(voice: Any, count: int, expected: str) -> None:
    assert poll_messages.seconds(voice, count) == expected
    said = poll_messages.status_message(
        voice, "rate_limited", seconds=poll_messages.seconds(voice, count)
    )
    assert expected in said
    comment_wait = comment_messages.seconds(voice, count)
    assert comment_wait == expected.replace("einer", "eine")


@pytest.mark.parametrize(("locale", "field_name"), [("de_CH", "«x»"), ("de_DE", "„x“")])
def test_answers_are_spelled_for_the_sites_locale(
    make_client: ClientFactory, locale: str, field_name: str
) -> None:
    client = make_client(locale=locale)
    fields = {"poll": "live", "choice": "cafe", "x": "1", "_next": NEXT}
    response = client.post("/vote", data=fields, headers={**FORM, "Accept": "application/json"})
    assert response.status_code == 422
    assert response.json()["message"] == f"Das Formular enthält das unbekannte Feld {field_name}."


@pytest.mark.parametrize(
    ("address", "greeting", "subject"),
    [
        ("Sie", "Waren Sie das?", "Sofia hat auf Ihren Kommentar geantwortet"),
        ("du", "Warst du das?", "Sofia hat auf deinen Kommentar geantwortet"),
    ],
)
def test_the_commenters_mails_speak_as_the_site(address: str, greeting: str, subject: str) -> None:
    settings = notify_settings(25, address=address)
    confirm = confirmation_message("leser@example.com", "de", "t" * 32, settings)
    assert greeting in body(confirm)
    answer = reply_message(
        reply("c-0123456789ab", name="Sofia"), "leser@example.com", "de", "t" * 32, settings
    )
    assert answer["Subject"] == subject
    english = reply_message(
        reply("c-0123456789ab", name="Sofia"), "r@example.com", "en", "t" * 32, settings
    )
    assert english["Subject"] == "Sofia replied to your comment"


@pytest.mark.parametrize(
    ("address", "lang", "retention", "expected"),
    [
        ("Sie", "de", 1, "nach spätestens 1 Tag gelöscht"),
        ("Sie", "de", 30, "nach spätestens 30 Tagen gelöscht"),
        ("du", "de", 1, "nach spätestens 1 Tag gelöscht"),
        ("du", "de", 7, "nach spätestens 7 Tagen gelöscht"),
        ("Sie", "en", 1, "deleted after 1 day at the latest"),
        ("Sie", "en", 30, "deleted after 30 days at the latest"),
    ],
)
def test_the_retention_notice_agrees_with_its_number(
    address: str, lang: str, retention: int, expected: str
) -> None:
    settings = notify_settings(25, address=address, retention_days=retention)
    said = " ".join(body(confirmation_message("r@example.com", lang, "t" * 32, settings)).split())
    assert expected in said
