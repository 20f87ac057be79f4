"""The read endpoints and the CORS preflight, in-process."""

from __future__ import annotations

import sqlite3

import pytest

from faces_backend.http.settings import Settings
from faces_backend.polls.suggestions import decide
from tests.backend.helpers import (
    JSON,
    ORIGIN,
    ClientFactory,
    TestClient,
    refusal,
    two_option_results,
    voter,
)


def test_live_results_are_always_shown(client: TestClient) -> None:
    response = client.get("/polls/live/results", headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert dict(response.headers) == {
        "cache-control": "no-store",
        "access-control-allow-origin": ORIGIN,
        "access-control-allow-credentials": "true",
        "vary": "Origin",
        "content-length": response.headers["content-length"],
        "content-type": "application/json",
    }
    assert response.json() == {
        "poll": "live",
        "results": two_option_results(),
        "reason": None,
    }


def test_after_vote_results_appear_once_this_reader_voted(client: TestClient) -> None:
    hidden = client.get("/polls/kantine-2027/results")
    assert hidden.json() == {"poll": "kantine-2027", "results": None, "reason": "after_vote"}
    assert "set-cookie" not in hidden.headers
    client.post("/vote", data={"poll": "kantine-2027", "choice": "cafe"}, headers=voter(1))
    shown = client.get("/polls/kantine-2027/results")
    assert shown.json()["results"] == two_option_results(cafe=1)
    client.cookies.clear()
    assert client.get("/polls/kantine-2027/results").json()["results"] is None


def test_after_close_results_wait_for_the_closing_date(client: TestClient) -> None:
    assert client.get("/polls/later/results").json() == {
        "poll": "later",
        "results": None,
        "reason": "after_close",
    }
    assert client.get("/polls/closed/results").json() == {
        "poll": "closed",
        "results": two_option_results(closed=True),
        "reason": None,
    }


def test_results_of_an_unknown_poll_are_404(client: TestClient) -> None:
    response = client.get("/polls/nope/results")
    assert response.status_code == 404
    assert response.json() == refusal("unknown_poll", "nope", "Diese Umfrage gibt es nicht (mehr).")


def test_only_approved_suggestions_are_shown(client: TestClient, settings: Settings) -> None:
    for number, text in enumerate(["Suppe", "Werbung", "Obst"]):
        fields = {"poll": "kantine-2027", "suggestion": text}
        assert client.post("/vote", data=fields, headers=voter(number)).status_code == 202
    assert client.get("/polls/kantine-2027/suggestions").json() == {
        "poll": "kantine-2027",
        "suggestions": [],
    }
    with sqlite3.connect(settings.db_path) as conn:
        assert decide(conn, 1, "approved", "2026-11-23")
        assert decide(conn, 2, "rejected", "2026-11-23")
    assert client.get("/polls/kantine-2027/suggestions").json() == {
        "poll": "kantine-2027",
        "suggestions": [{"id": 1, "text": "Suppe"}],
    }
    assert client.get("/polls/nope/suggestions").status_code == 404


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "polls": 5, "database": "ok"}


def test_health_reports_a_broken_database(client: TestClient) -> None:
    store = client.app.state.services.store  # type: ignore[attr-defined]
    store.reader.close()
    store.reader = sqlite3.connect(":memory:")
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "polls": 5, "database": "error"}


def test_preflight_echoes_an_allowed_origin(client: TestClient) -> None:
    response = client.options(
        "/vote",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 204
    assert dict(response.headers) == {
        "access-control-allow-origin": ORIGIN,
        "access-control-allow-credentials": "true",
        "vary": "Origin",
        "access-control-allow-methods": "POST, OPTIONS",
        "access-control-allow-headers": "Accept, Content-Type",
        "access-control-max-age": "600",
    }
    assert response.content == b""


@pytest.mark.parametrize("origin", ["https://evil.example", "*", "null"])
def test_preflight_refuses_other_origins(client: TestClient, origin: str) -> None:
    response = client.options(
        "/vote", headers={"Origin": origin, "Access-Control-Request-Method": "POST"}
    )
    assert response.status_code == 403
    assert not any(name.startswith("access-control") for name in response.headers)


def test_answers_to_other_origins_carry_no_cors_headers(make_client: ClientFactory) -> None:
    client = make_client(allow_missing_origin=True)
    response = client.get("/polls/live/results", headers={"Origin": "https://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    vote = client.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=JSON)
    assert vote.headers["access-control-allow-origin"] == ORIGIN


def test_openapi_document_is_served(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "/"}]


def test_wrong_method_is_405(client: TestClient) -> None:
    assert client.get("/vote").status_code == 405
