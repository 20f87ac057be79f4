"""Readers who share one address (an office behind NAT) are never locked out."""

from __future__ import annotations

import pytest

from faces_backend.http.settings import Settings
from tests.backend.helpers import ClientFactory, TestClient, rows, voter
from tests.backend.test_voting import ALREADY_VOTED

pytestmark = pytest.mark.both_stores


def test_ten_readers_behind_one_address_are_all_counted(
    client: TestClient, settings: Settings
) -> None:
    for reader in range(10):
        client.cookies.clear()  # each reader has a browser of their own
        choice = "cafe" if reader % 3 else "salatbar"
        response = client.post(
            "/vote", data={"poll": "kantine-2027", "choice": choice}, headers=voter(7)
        )
        assert response.status_code == 201, response.json()
    assert rows(settings, "SELECT ballots FROM totals") == [(10,)]
    again = client.post("/vote", data={"poll": "kantine-2027", "choice": "cafe"}, headers=voter(7))
    assert again.status_code == 409
    assert again.json()["message"] == ALREADY_VOTED
    assert rows(settings, "SELECT ballots FROM totals") == [(10,)]


def test_two_hundred_readers_behind_one_address_in_a_minute_with_the_defaults(
    make_client: ClientFactory, settings: Settings
) -> None:
    defaults = Settings()
    client = make_client(rate_limit=defaults.rate_limit, ip_limit=defaults.ip_limit)
    statuses = []
    for _ in range(200):
        client.cookies.clear()
        answer = client.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=voter(7))
        statuses.append(answer.status_code)
    assert statuses == [201] * 200
    assert rows(settings, "SELECT ballots FROM totals") == [(200,)]


def test_a_cap_per_address_says_why_and_what_to_do(
    make_client: ClientFactory, settings: Settings
) -> None:
    client = make_client(ip_limit=20)
    for _ in range(20):
        client.cookies.clear()
        assert client.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=voter(7))
    client.cookies.clear()
    refused = client.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=voter(7))
    assert refused.status_code == 429
    assert "set-cookie" not in refused.headers
    body = refused.json()
    assert (body["status"], body["limit"]) == ("address_limit", 20)
    assert body["message"] == (
        "Von Ihrer Netzwerkadresse wurden bei dieser Umfrage heute schon 20 Stimmen abgegeben, "
        "mehr lässt der Betreiber pro Adresse und Tag nicht zu (in einem Firmennetz teilen sich "
        "viele Menschen eine Adresse). Ihre Stimme wurde nicht gezählt: Bitte stimmen Sie "
        "morgen oder aus einem anderen Netz ab, z. B. mobil."
    )
    client.cookies.clear()
    elsewhere = client.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=voter(8))
    assert elsewhere.status_code == 201
    assert rows(settings, "SELECT ballots FROM totals") == [(21,)]


def test_in_english_a_refusal_says_why_and_what_to_do(make_client: ClientFactory) -> None:
    client = make_client(language="en", rate_limit=2)
    fields = {"poll": "live", "choice": "cafe"}
    assert client.post("/vote", data=fields, headers=voter(7)).status_code == 201
    again = client.post("/vote", data=fields, headers=voter(7))
    assert again.json()["message"] == (
        "You have already voted in this poll: a vote was cast here from this browser. "
        "Everyone votes once, and a vote cannot be changed. If someone else voted on this "
        "device, please vote from your own."
    )
    client.cookies.clear()
    limited = client.post("/vote", data=fields, headers=voter(7))
    assert limited.status_code == 429
    assert limited.json()["message"] == (
        "Very many votes came from your network address just now (in a company network many "
        "people share one address). Your vote has not been counted yet: please try again in "
        "60 seconds."
    )


def test_with_company_sign_in_the_reason_is_the_sign_in(make_client: ClientFactory) -> None:
    client = make_client(voter_mode="header")
    headers = {**voter(7), "X-Remote-User": "alice"}
    fields = {"poll": "live", "choice": "cafe"}
    assert client.post("/vote", data=fields, headers=headers).status_code == 201
    bob = client.post("/vote", data=fields, headers={**headers, "X-Remote-User": "bob"})
    assert bob.status_code == 201
    again = client.post("/vote", data=fields, headers=headers)
    assert again.status_code == 409
    assert again.json()["message"] == (
        "Sie haben bei dieser Umfrage bereits abgestimmt: Mit Ihrer Anmeldung wurde hier schon "
        "eine Stimme abgegeben. Jede Person stimmt einmal ab, eine Stimme lässt sich nicht "
        "ändern."
    )
