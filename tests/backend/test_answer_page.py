"""The answer page of a vote posted without JavaScript: outcome, numbers, way back, inertness."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from faces_backend.http.settings import Settings
from tests.backend.helpers import (
    FORM,
    NEXT,
    POLLS,
    ClientFactory,
    TestClient,
    poll,
    rows,
    voter,
    write_manifest,
)

pytestmark = pytest.mark.both_stores

KANTINE = {"poll": "kantine-2027", "_next": NEXT + "#poll-kantine-2027"}


def parsed(response_text: str) -> BeautifulSoup:
    return BeautifulSoup(response_text, "html.parser")


def outline(page: BeautifulSoup) -> list[str]:
    """The page as a reader hears it: heading, status, results, hints and links, in order."""
    return [
        " ".join(element.get_text(" ", strip=True).split())
        for element in page.select("main h1, main h2, main p, main li")
    ]


def test_a_counted_vote_shows_the_interim_result_and_the_way_back(
    client: TestClient, settings: Settings
) -> None:
    client.post("/vote", data={"poll": "kantine-2027", "choice": "cafe"}, headers=voter(1))
    client.cookies.clear()
    response = client.post("/vote", data={**KANTINE, "choice": "salatbar"}, headers=FORM)
    assert response.status_code == 201
    assert response.headers["set-cookie"].startswith("faces_voter=")
    page = parsed(response.text)
    assert page.html is not None and page.html["lang"] == "de"
    assert page.title is not None and page.title.get_text() == "Frage kantine-2027? – Abstimmung"
    assert outline(page) == [
        "Frage kantine-2027?",
        "Danke! Ihre Stimme wurde gezählt.",
        "Zwischenergebnis",
        "2 Personen haben abgestimmt.",
        "Salatbar 1/2 1 Stimme (50%)",
        "Café 1/2 1 Stimme (50%)",
        "Zurück zum Beitrag",
    ]
    assert [meter["value"] for meter in page.select("meter")] == ["1", "1"]
    assert page.select_one("main a")["href"] == NEXT + "#poll-kantine-2027"
    assert page.select_one("[role=status]").get_text() == "Danke! Ihre Stimme wurde gezählt."
    assert rows(settings, "SELECT ballots FROM totals") == [(2,)]


def test_coming_back_the_reader_learns_that_they_already_voted(client: TestClient) -> None:
    client.post("/vote", data={**KANTINE, "choice": "cafe"}, headers=FORM)
    again = client.post("/vote", data={**KANTINE, "choice": "salatbar"}, headers=FORM)
    assert again.status_code == 409
    lines = outline(parsed(again.text))
    assert lines[1].startswith("Sie haben bei dieser Umfrage bereits abgestimmt: Von diesem ")
    assert lines[2:] == [
        "Zwischenergebnis",
        "1 Person hat abgestimmt.",
        "Salatbar 0/1 0 Stimmen (0%)",
        "Café 1/1 1 Stimme (100%)",
        "Zurück zum Beitrag",
    ]


def test_hidden_results_say_when_they_will_be_shown(client: TestClient) -> None:
    fields = {"poll": "later", "choice": "cafe", "_next": NEXT}
    page = parsed(client.post("/vote", data=fields, headers=FORM).text)
    assert outline(page) == [
        "Frage later?",
        "Danke! Ihre Stimme wurde gezählt.",
        "Das Ergebnis wird nach dem Ende der Umfrage veröffentlicht.",
        "Zurück zum Beitrag",
    ]
    assert page.select("meter") == []


def test_the_page_in_english(make_client: ClientFactory) -> None:
    client = make_client(language="en")
    fields = {"poll": "live", "choice": "cafe", "_next": NEXT}
    response = client.post("/vote", data=fields, headers=FORM)
    page = parsed(response.text)
    assert page.html is not None and page.html["lang"] == "en"
    assert outline(page) == [
        "Frage live?",
        "Thank you! Your vote has been counted.",
        "Results so far",
        "1 person voted.",
        "Salatbar 0/1 0 votes (0%)",
        "Café 1/1 1 vote (100%)",
        "Back to the post",
    ]
    again = parsed(client.post("/vote", data=fields, headers=FORM).text)
    assert outline(again)[1].startswith("You have already voted in this poll: ")


def test_only_the_sites_own_stylesheets_and_nothing_active(client: TestClient) -> None:
    response = client.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=FORM)
    page = parsed(response.text)
    sheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert sheets == ["/theme/css/site.css", "/theme/css/polls.css"]
    assert page.select("script, img, iframe, form, base, [style]") == []
    assert response.headers["content-security-policy"] == (
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    assert response.headers["x-content-type-options"] == "nosniff"


HOSTILE_TEXT = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;"


def test_every_value_on_the_page_is_escaped(tmp_path: Path, make_client: ClientFactory) -> None:
    evil = poll(
        "evil",
        question=HOSTILE_TEXT,
        url='javascript:alert(3)"><script>alert(4)</script>',
        options=[{"id": "x", "label": HOSTILE_TEXT}, {"id": "y", "label": "</li></ul><h1>"}],
    )
    manifest = write_manifest(tmp_path / "evil.json", [*POLLS, evil])
    client = make_client(manifest=str(manifest))
    response = client.post("/vote", data={"poll": "evil", "choice": "x"}, headers=FORM)
    assert response.status_code == 201
    page = parsed(response.text)
    assert page.select("script, img, main h1 h1") == []
    assert page.h1 is not None and page.h1.get_text() == HOSTILE_TEXT
    labels = [label.get_text() for label in page.select(".poll__result-label")]
    assert labels == [HOSTILE_TEXT, "</li></ul><h1>"]
    assert page.select("a") == []  # the manifest's url is no safe way back either


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/posts/x/\r\nSet-Cookie: faces_voter=stolen",
        "https://blog.example.com/" + "a" * 2100,
    ],
)
def test_a_hostile_next_is_refused_and_never_linked(
    client: TestClient, settings: Settings, next_url: str
) -> None:
    response = client.post(
        "/vote", data={"poll": "live", "choice": "cafe", "_next": next_url}, headers=FORM
    )
    assert response.status_code == 403
    assert "location" not in response.headers
    assert "set-cookie" not in response.headers
    page = parsed(response.text)
    assert page.select("a") == []
    assert "evil" not in response.text and "stolen" not in response.text
    assert rows(settings, "SELECT count(*) FROM ballots") == [(0,)]
