"""The defences written once (http/gate.py), run by a feature of a few lines as comments will be."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from faces_backend.http.gate import screen_beacon, screen_form
from faces_backend.http.identity import VoterIdentity
from faces_backend.http.origins import OriginPolicy
from faces_backend.http.ratelimit import RateLimiter
from faces_backend.http.services import Services, services_of
from faces_backend.http.settings import Settings
from faces_backend.store.sqlite import open_sqlite_store
from tests.backend.helpers import FORM, NEXT, ORIGIN, SECRET, TestClient

SETTINGS = Settings(manifest="m.json", secret=SECRET, allowed_origins=(ORIGIN,))


async def comment(request: Request) -> Response:
    """A feature's whole use of the defences: screen, then answer the refusal or the fields."""
    # ?json=1: the form also takes a JSON object; ?own=1: its own pages may post it.
    screened = await screen_form(
        request,
        services_of(request),
        max_body=512,
        accept_json=request.query_params.get("json") == "1",
        own_pages=request.query_params.get("own") == "1",
    )
    refusal = asdict(screened.refusal) if screened.refusal else None
    body: dict[str, Any] = {
        "refusal": refusal,
        "fields": screened.fields,
        "next": screened.next_url,
        "honeypot": screened.honeypot,
        "signed_in": screened.client.voter_hash is not None,
    }
    return JSONResponse(body)


async def seen(request: Request) -> Response:
    """A beacon's whole use of the defences."""
    refusal = await screen_beacon(request, services_of(request), max_body=16)
    return JSONResponse({"refusal": refusal.status if refusal else None})


def gate_app(settings: Settings, db: Path) -> Starlette:
    """An app with one form route and the shared services, as the composition root makes them."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        with open_sqlite_store(db) as store:

            async def salt_of_day(day: str) -> bytes:
                return b"salt of " + day.encode()

            app.state.services = Services(
                settings=settings,
                store=store,
                identity=VoterIdentity(settings, salt_of_day),
                limiter=RateLimiter(settings.rate_limit),
                origins=OriginPolicy(settings.allowed_origins, allow_missing=False),
            )
            yield

    return Starlette(
        routes=[
            Route("/comment", comment, methods=["POST"]),
            Route("/seen", seen, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(gate_app(SETTINGS, tmp_path / "db.sqlite3"), base_url=ORIGIN) as client:
        yield client


def test_a_post_from_the_blog_passes_with_its_fields(client: TestClient) -> None:
    answer = client.post("/comment", data={"text": "Gut", "_next": NEXT}, headers=FORM).json()
    assert answer == {
        "refusal": None,
        "fields": [["text", "Gut"], ["_next", NEXT]],
        "next": NEXT,
        "honeypot": False,
        "signed_in": True,
    }


@pytest.mark.parametrize(
    ("data", "headers", "status"),
    [
        ({"text": "x" * 600}, FORM, "too_large"),  # over the feature's own 512 bytes
        ({"text": "Gut"}, {**FORM, "Origin": "https://evil.example"}, "origin_not_allowed"),
        ({"text": "Gut"}, {**FORM, "Origin": "null"}, "origin_not_allowed"),
        ({"_next": "https://evil.example/"}, FORM, "origin_not_allowed"),
        ({"_next": "//evil.example/"}, FORM, "origin_not_allowed"),
    ],
)
def test_each_defence_refuses(
    client: TestClient, data: dict[str, str], headers: dict[str, str], status: str
) -> None:
    answer = client.post("/comment", data=data, headers=headers).json()
    assert answer["refusal"] == {"status": status, "retry_after": None}
    assert answer["next"] is None


def test_a_body_that_is_no_form_is_malformed(client: TestClient) -> None:
    answer = client.post("/comment", json={"text": "Gut"}, headers=FORM).json()
    assert answer["refusal"] == {"status": "malformed", "retry_after": None}
    assert answer["fields"] == []


def test_a_refused_origin_still_hands_over_the_fields_and_a_good_way_back(
    client: TestClient,
) -> None:
    headers = {**FORM, "Origin": "https://evil.example"}
    answer = client.post("/comment", data={"id": "p1", "_next": NEXT}, headers=headers).json()
    assert answer["refusal"]["status"] == "origin_not_allowed"
    assert (answer["fields"][0], answer["next"]) == (["id", "p1"], NEXT)


def test_the_honeypot_is_reported_not_refused(client: TestClient) -> None:
    answer = client.post("/comment", data={"text": "Gut", "_hp": "x"}, headers=FORM).json()
    assert (answer["refusal"], answer["honeypot"]) == (None, True)


def test_an_empty_next_counts_as_absent(client: TestClient) -> None:
    answer = client.post("/comment", data={"text": "Gut", "_next": " "}, headers=FORM).json()
    assert (answer["refusal"], answer["next"]) == (None, None)


def test_without_the_sso_header_the_reader_is_not_signed_in(tmp_path: Path) -> None:
    settings = replace(SETTINGS, voter_mode="header")
    with TestClient(gate_app(settings, tmp_path / "db.sqlite3"), base_url=ORIGIN) as client:
        refused = client.post("/comment", data={"text": "Gut"}, headers=FORM).json()
        headers = {**FORM, "X-Remote-User": "anna"}
        signed_in = client.post("/comment", data={"text": "Gut"}, headers=headers).json()
    assert refused["refusal"] == {"status": "not_signed_in", "retry_after": None}
    assert (signed_in["refusal"], signed_in["signed_in"]) == (None, True)


def test_the_rate_limit_refuses_with_the_wait(tmp_path: Path) -> None:
    settings = replace(SETTINGS, rate_limit=2)
    with TestClient(gate_app(settings, tmp_path / "db.sqlite3"), base_url=ORIGIN) as client:
        answers = [client.post("/comment", data={"t": "x"}, headers=FORM).json() for _ in range(3)]
    assert [a["refusal"] for a in answers[:2]] == [None, None]
    assert answers[2]["refusal"]["status"] == "rate_limited"
    assert 1 <= answers[2]["refusal"]["retry_after"] <= 60


@pytest.mark.parametrize(
    ("method", "body", "headers", "refusal"),
    [
        ("POST", b"", {}, None),  # a beacon's script sends no body and may send no Origin
        ("GET", b"", {"Origin": ORIGIN}, None),
        ("POST", b"x" * 17, {}, "too_large"),
        ("POST", b"", {"Origin": "https://evil.example"}, "origin_not_allowed"),
        ("GET", b"", {"Origin": "null"}, "origin_not_allowed"),
    ],
)
def test_a_beacon_is_screened_for_body_and_sent_origin(
    client: TestClient, method: str, body: bytes, headers: dict[str, str], refusal: str | None
) -> None:
    answer = client.request(method, "/seen", content=body, headers=headers).json()
    assert answer == {"refusal": refusal}


def test_a_json_object_is_a_form_only_where_the_feature_takes_json(client: TestClient) -> None:
    sent = {"text": "Gut", "notify": True, "email": None}
    answer = client.post("/comment?json=1", json=sent, headers=FORM).json()
    assert answer["refusal"] is None
    assert answer["fields"] == [["text", "Gut"], ["notify", "on"]]
    assert client.post("/comment", json=sent, headers=FORM).json()["refusal"]["status"] == (
        "malformed"
    )


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[1, 2]", "malformed"),
        (b'{"text": 5}', "malformed"),
        (b"{nicht json", "malformed"),
        (b'{"text": "\xff"}', "malformed"),
        (("{" + ",".join(f'"f{n}": "x"' for n in range(33)) + "}").encode(), "too_large"),
    ],
)
def test_bad_json_is_refused(client: TestClient, body: bytes, status: str) -> None:
    headers = {**FORM, "Content-Type": "application/json"}
    answer = client.post("/comment?json=1", content=body, headers=headers).json()
    assert answer["refusal"]["status"] == status and answer["fields"] == []


def test_an_empty_post_is_a_form_without_fields(client: TestClient) -> None:
    answer = client.post("/comment", content=b"", headers={"Origin": ORIGIN}).json()
    assert answer["refusal"] is None and answer["fields"] == []


@pytest.mark.parametrize(
    ("headers", "own", "status"),
    [
        ({"Origin": "https://api.example.com"}, "1", None),
        ({"Origin": "https://api.example.com"}, "0", "origin_not_allowed"),
        ({"Origin": "http://api.example.com"}, "1", "origin_not_allowed"),
        ({"Sec-Fetch-Site": "same-origin"}, "1", None),
        ({"Sec-Fetch-Site": "cross-site"}, "1", "origin_not_allowed"),
        ({"Origin": "https://api.example.com.evil.example"}, "1", "origin_not_allowed"),
        ({"Origin": "null"}, "1", "origin_not_allowed"),
    ],
)
def test_own_pages_may_post_only_where_the_feature_says_so(
    client: TestClient, headers: dict[str, str], own: str, status: str | None
) -> None:
    # The backend's own host (a page it served, like the comments' preview), not the blog's.
    sent = {"Host": "api.example.com", "Accept": "application/json", **headers}
    answer = client.post(f"/comment?own={own}", data={"text": "Gut"}, headers=sent).json()
    assert (answer["refusal"] or {}).get("status") == status
