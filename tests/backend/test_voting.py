"""POST /vote in-process: every status of the hook contract, as JSON and as answer page."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from faces_backend.http.settings import Settings
from tests.backend.helpers import (
    FORM,
    JSON,
    NEXT,
    ORIGIN,
    POLLS,
    ClientFactory,
    TestClient,
    poll,
    refusal,
    rows,
    two_option_results,
    vote,
    voter,
    write_manifest,
)

pytestmark = pytest.mark.both_stores

COOKIE = re.compile(
    r"faces_voter=[A-Za-z0-9_-]{43}; HttpOnly; Max-Age=31536000; Path=/; SameSite=lax; Secure"
)
CORS = {
    "access-control-allow-origin": ORIGIN,
    "access-control-allow-credentials": "true",
    "vary": "Origin",
}
SALAD_ONE = two_option_results(salatbar=1)
COUNTED = "Danke! Ihre Stimme wurde gezählt."
ALREADY_VOTED = (
    "Sie haben bei dieser Umfrage bereits abgestimmt: Von diesem Browser wurde hier schon eine "
    "Stimme abgegeben. Jede Person stimmt einmal ab, eine Stimme lässt sich nicht ändern. Hat "
    "jemand anderes an diesem Gerät abgestimmt, stimmen Sie bitte von Ihrem eigenen Gerät ab."
)


def headers_of(response: Any) -> dict[str, str]:
    """Return the response headers without the length (asserted through the body)."""
    return {k: v for k, v in response.headers.items() if k != "content-length"}


def json_headers(**extra: str) -> dict[str, str]:
    """Return the headers every JSON answer to an allowed origin carries."""
    return {"cache-control": "no-store", **CORS, "content-type": "application/json", **extra}


def test_counted_json_whole_answer(client: TestClient, settings: Settings) -> None:
    response = client.post(
        "/vote", data={"poll": "kantine-2027", "choice": "salatbar"}, headers=JSON
    )
    assert response.status_code == 201
    cookie = response.headers["set-cookie"]
    assert COOKIE.fullmatch(cookie)
    assert headers_of(response) == json_headers(**{"set-cookie": cookie})
    assert response.json() == {
        "status": "counted",
        "poll": "kantine-2027",
        "message": COUNTED,
        "results": SALAD_ONE,
    }
    assert rows(settings, "SELECT poll, option FROM choices") == [("kantine-2027", "salatbar")]


def test_counted_form_post_without_next_gets_a_page_back_to_the_poll(client: TestClient) -> None:
    response = vote(client, FORM)
    assert response.status_code == 201
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "location" not in response.headers
    page = BeautifulSoup(response.text, "html.parser")
    assert page.html is not None and page.html["lang"] == "de"
    assert page.h1 is not None and page.h1.get_text() == "Frage live?"
    assert page.select_one("[role=status]").get_text() == COUNTED
    assert page.select_one("a")["href"] == "/posts/live/#poll-live"


def test_a_referer_is_never_the_way_back(client: TestClient) -> None:
    for referer in (NEXT + "?from=referer", "https://evil.example/x/"):
        client.cookies.clear()
        headers = {**FORM, "Referer": referer}
        response = vote(client, headers)
        assert response.status_code == 201
        assert "location" not in response.headers
        links = [a["href"] for a in BeautifulSoup(response.text, "html.parser").select("a")]
        assert links == ["/posts/live/#poll-live"]


def test_cookie_is_not_secure_over_http(make_client: ClientFactory) -> None:
    client = make_client(base_url="http://testserver")
    response = vote(client)
    assert response.status_code == 201
    assert not response.headers["set-cookie"].endswith("Secure")
    assert "Secure" not in response.headers["set-cookie"]


def test_forwarded_proto_https_makes_the_cookie_secure(make_client: ClientFactory) -> None:
    client = make_client(base_url="http://testserver")
    headers = {**JSON, "X-Forwarded-Proto": "https"}
    response = vote(client, headers)
    assert response.headers["set-cookie"].endswith("; Secure")


def test_multipart_is_accepted(client: TestClient) -> None:
    fields = {"poll": "multi", "choice": ["a", "c"]}
    response = client.post("/vote", data=fields, files={"_x": (None, "")}, headers=JSON)
    assert response.status_code == 201, response.text
    assert response.json()["results"]["options"] == [
        {"id": "a", "label": "A", "votes": 1},
        {"id": "b", "label": "B", "votes": 0},
        {"id": "c", "label": "C", "votes": 1},
    ]


def test_suggestion_without_choice_is_queued_not_shown(
    client: TestClient, settings: Settings
) -> None:
    fields = {"poll": "kantine-2027", "suggestion": "  Ein Obstkorb\r\nfür alle  "}
    response = client.post("/vote", data=fields, headers=JSON)
    assert response.status_code == 202
    assert "set-cookie" in response.headers
    assert response.json() == refusal(
        "suggestion_queued",
        "kantine-2027",
        ("Danke für Ihren Vorschlag! Er erscheint, sobald die Redaktion ihn freigegeben hat."),
    )
    assert rows(settings, "SELECT poll, text, status FROM suggestions") == [
        ("kantine-2027", "Ein Obstkorb\nfür alle", "pending")
    ]
    assert rows(settings, "SELECT count(*) FROM ballots") == [(0,)]
    shown = client.get("/polls/kantine-2027/suggestions")
    assert shown.json() == {"poll": "kantine-2027", "suggestions": []}


def test_vote_with_suggestion_counts_and_stores_both(
    client: TestClient, settings: Settings
) -> None:
    response = vote(client, poll="kantine-2027", choice="salatbar", suggestion="Suppe")
    assert response.status_code == 201
    assert response.json() == {
        "status": "counted",
        "poll": "kantine-2027",
        "message": (
            "Danke! Ihre Stimme wurde gezählt. Ihr Vorschlag erscheint, sobald die Redaktion "
            "ihn freigegeben hat."
        ),
        "results": SALAD_ONE,
    }
    assert rows(settings, "SELECT text, status FROM suggestions") == [("Suppe", "pending")]


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (b"poll=live&choice=%FF", "application/x-www-form-urlencoded", "read"),
        (b"poll=live&choice=\xff", "application/x-www-form-urlencoded", "read"),
        (b'{"poll": "live"}', "application/json", "read"),
        (b"choice=cafe", "application/x-www-form-urlencoded", "nennt keine Umfrage"),
        (b"--x\r\nbroken", "multipart/form-data", "read"),
    ],
)
def test_malformed_is_400(
    client: TestClient, content: bytes, content_type: str, message: str
) -> None:
    headers = {**JSON, "Content-Type": content_type}
    response = client.post("/vote", content=content, headers=headers)
    assert response.status_code == 400
    assert headers_of(response) == json_headers()
    body = response.json()
    expected = {
        "read": "Die Anfrage konnte nicht gelesen werden. Bitte laden Sie die Seite neu.",
        "nennt keine Umfrage": "Die Anfrage nennt keine Umfrage. Bitte laden Sie die Seite neu.",
    }[message]
    assert body == {"status": "malformed", "poll": None, "message": expected, "results": None}


def test_malformed_form_post_gets_a_page_back_to_next(client: TestClient) -> None:
    fields = {"choice": "cafe", "_next": NEXT + "#poll-x"}
    response = client.post("/vote", data=fields, headers=FORM)
    assert response.status_code == 400
    page = BeautifulSoup(response.text, "html.parser")
    assert page.select_one("[role=status]").get_text() == (
        "Die Anfrage nennt keine Umfrage. Bitte laden Sie die Seite neu."
    )
    assert page.select_one("a")["href"] == NEXT + "#poll-x"
    assert "set-cookie" not in response.headers


ORIGIN_TEXT = (
    "Abstimmen ist nur über die Seiten des Blogs möglich. Bitte öffnen Sie den Beitrag "
    "im Blog und stimmen Sie dort ab."
)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"Origin": "https://blog.example.com.evil.example"},
        {"Origin": "http://blog.example.com"},
        {},
    ],
)
def test_origin_not_allowed_is_403_json(
    client: TestClient, settings: Settings, headers: dict[str, str]
) -> None:
    response = client.post(
        "/vote",
        data={"poll": "live", "choice": "cafe"},
        headers={"Accept": "application/json", **headers},
    )
    assert response.status_code == 403
    assert headers_of(response) == {"cache-control": "no-store", "content-type": "application/json"}
    assert response.json() == refusal("origin_not_allowed", "live", ORIGIN_TEXT)
    assert rows(settings, "SELECT count(*) FROM ballots") == [(0,)]


def test_origin_not_allowed_form_post_gets_a_page_not_a_redirect(client: TestClient) -> None:
    headers = {**FORM, "Origin": "https://evil.example"}
    response = vote(client, headers)
    assert response.status_code == 403
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = BeautifulSoup(response.text, "html.parser")
    assert [p.get_text() for p in page.find_all("p")] == [ORIGIN_TEXT]
    assert page.find("a") is None
    assert page.find("link", rel="stylesheet")["href"] == "/theme/css/site.css"


def test_next_on_a_foreign_origin_is_403_and_never_followed(client: TestClient) -> None:
    fields = {"poll": "live", "choice": "cafe", "_next": "https://evil.example/phish"}
    response = client.post("/vote", data=fields, headers=FORM, follow_redirects=False)
    assert response.status_code == 403
    assert "location" not in response.headers
    assert "evil" not in response.text


def test_foreign_page_with_next_to_the_blog_is_told_the_reason(client: TestClient) -> None:
    headers = {**FORM, "Origin": "https://evil.example"}
    response = vote(client, headers, _next=NEXT)
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers
    page = BeautifulSoup(response.text, "html.parser")
    assert page.select_one("[role=status]").get_text() == ORIGIN_TEXT
    assert page.select_one("a")["href"] == NEXT


def test_a_referer_does_not_stand_in_for_a_missing_origin(client: TestClient) -> None:
    headers = {"Accept": "application/json", "Referer": f"{NEXT}?x=1"}
    response = vote(client, headers)
    assert response.status_code == 403


def test_a_form_without_referer_works_on_the_same_origin(
    client: TestClient, settings: Settings
) -> None:
    # What Chromium sends for a page with Referrer-Policy: no-referrer on the same origin.
    headers = {"Accept": "text/html", "Origin": "null", "Sec-Fetch-Site": "same-origin"}
    back = "/posts/live/#poll-live"
    response = vote(client, headers, _next=back)
    assert response.status_code == 201
    assert BeautifulSoup(response.text, "html.parser").select_one("a")["href"] == back
    assert rows(settings, "SELECT count(*) FROM ballots") == [(1,)]


def test_missing_origin_and_referer_can_be_allowed(make_client: ClientFactory) -> None:
    client = make_client(allow_missing_origin=True)
    headers = {"Accept": "application/json"}
    response = vote(client, headers)
    assert response.status_code == 201


def test_unknown_poll_is_404(client: TestClient) -> None:
    response = vote(client, poll="nope")
    assert response.status_code == 404
    assert response.json() == refusal("unknown_poll", "nope", "Diese Umfrage gibt es nicht (mehr).")
    page = client.post(
        "/vote", data={"poll": "nope", "choice": "cafe", "_next": NEXT}, headers=FORM
    )
    assert page.status_code == 404
    parsed = BeautifulSoup(page.text, "html.parser")
    assert parsed.select_one("[role=status]").get_text() == "Diese Umfrage gibt es nicht (mehr)."
    assert parsed.select_one("a")["href"] == NEXT


def test_second_vote_with_the_same_cookie_is_409(client: TestClient, settings: Settings) -> None:
    first = vote(client, poll="kantine-2027", choice="salatbar")
    assert first.status_code == 201
    again = vote(client, voter(99), poll="kantine-2027")
    assert again.status_code == 409
    assert "set-cookie" not in again.headers
    assert again.json() == {
        "status": "already_voted",
        "poll": "kantine-2027",
        "message": ALREADY_VOTED,
        "results": SALAD_ONE,
    }
    assert rows(settings, "SELECT option FROM choices") == [("salatbar",)]


def test_closed_poll_is_410_with_results(client: TestClient, settings: Settings) -> None:
    response = vote(client, poll="closed")
    assert response.status_code == 410
    assert response.json() == {
        "status": "closed",
        "poll": "closed",
        "message": "Diese Umfrage ist beendet. Es werden keine Stimmen mehr angenommen.",
        "results": two_option_results(closed=True),
    }
    assert rows(settings, "SELECT count(*) FROM ballots") == [(0,)]


# de_CH, the default: ss for ß.
TOO_LARGE = refusal(
    "too_large", None, "Die Anfrage ist zu gross. Bitte kürzen Sie Ihren Vorschlag."
)


def test_body_over_the_limit_is_413(make_client: ClientFactory) -> None:
    client = make_client(max_body=1024)
    response = vote(client, _pad="x" * 1100)
    assert response.status_code == 413
    assert headers_of(response) == json_headers()
    assert response.json() == TOO_LARGE


def test_chunked_body_over_the_limit_is_413(make_client: ClientFactory) -> None:
    client = make_client(max_body=1024)

    def chunks() -> Any:
        yield b"poll=live&choice=cafe&_pad="
        for _ in range(20):
            yield b"x" * 100

    headers = {**JSON, "Content-Type": "application/x-www-form-urlencoded"}
    response = client.post("/vote", content=chunks(), headers=headers)
    assert response.status_code == 413
    assert response.json() == TOO_LARGE


def test_too_many_fields_is_413(client: TestClient) -> None:
    content = "poll=live&choice=cafe" + "&_x=1" * 40
    headers = {**JSON, "Content-Type": "application/x-www-form-urlencoded"}
    response = client.post("/vote", content=content, headers=headers)
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("fields", "field", "error", "message"),
    [
        (
            {"poll": "live", "choice": "cafe", "name": "Eva"},
            "name",
            "unknown_field",
            "Das Formular enthält das unbekannte Feld «name».",
        ),
        (
            {"poll": "live", "choice": "pizza"},
            "choice",
            "unknown_option",
            "Bitte wählen Sie eine der angebotenen Ideen.",
        ),
        (
            {"poll": "live", "choice": ["cafe", "salatbar"]},
            "choice",
            "too_many",
            "Bitte wählen Sie nur eine Idee.",
        ),
        (
            {"poll": "multi", "choice": ["a", "b", "c"]},
            "choice",
            "too_many",
            "Bitte wählen Sie höchstens 2 Ideen.",
        ),
        (
            {"poll": "multi", "choice": ["a", "a"]},
            "choice",
            "duplicate",
            "Jede Idee kann nur einmal gewählt werden.",
        ),
        ({"poll": "live"}, "choice", "missing", "Bitte wählen Sie eine Idee aus."),
        (
            {"poll": "kantine-2027", "suggestion": "   "},
            "choice",
            "missing",
            "Bitte wählen Sie eine Idee aus oder schlagen Sie eine eigene vor.",
        ),
        (
            {"poll": "kantine-2027", "suggestion": "x" * 501},
            "suggestion",
            "too_long",
            "Ihr Vorschlag ist zu lang (höchstens 500 Zeichen).",
        ),
        (
            {"poll": "live", "choice": "cafe", "suggestion": "Suppe"},
            "suggestion",
            "not_accepted",
            "Bei dieser Umfrage können keine eigenen Ideen vorgeschlagen werden.",
        ),
        (
            {"poll": "live", "choice": "cafe", "_sid": "short"},
            "_sid",
            "invalid",
            "Das Feld «_sid» muss aus 8 bis 64 Zeichen A–Z, a–z, 0–9, _ oder - bestehen.",
        ),
        (
            {"poll": ["live", "multi"], "choice": "cafe"},
            "poll",
            "repeated",
            "Das Feld «poll» darf nur einmal vorkommen.",
        ),
        (
            {"poll": "live", "choice": "c" * 65},
            "choice",
            "too_long",
            "Das Feld «choice» ist zu lang (höchstens 64 Zeichen).",
        ),
    ],
)
def test_invalid_field_is_422(
    client: TestClient,
    settings: Settings,
    fields: dict[str, Any],
    field: str,
    error: str,
    message: str,
) -> None:
    response = client.post("/vote", data=fields, headers=JSON)
    assert response.status_code == 422
    poll_id = fields["poll"] if isinstance(fields["poll"], str) else "live"
    assert response.json() == {
        "status": "invalid",
        "poll": poll_id,
        "message": message,
        "results": None,
        "field": field,
        "error": error,
    }
    assert rows(settings, "SELECT count(*) FROM ballots") == [(0,)]
    assert rows(settings, "SELECT count(*) FROM suggestions") == [(0,)]


def test_reserved_fields_other_than_the_known_are_ignored(client: TestClient) -> None:
    assert vote(client, _utm="x", _gotcha="").status_code == 201


def test_rate_limit_is_429_with_retry_after(make_client: ClientFactory, settings: Settings) -> None:
    client = make_client(rate_limit=3)
    for number in range(3):
        client.cookies.clear()
        answer = client.post("/vote", data={"poll": "nope"}, headers=voter(5))
        assert answer.status_code == 404, number
    response = vote(client, voter(5))
    assert response.status_code == 429
    assert headers_of(response) == json_headers(**{"retry-after": "60"})
    assert response.json() == {
        "status": "rate_limited",
        "poll": "live",
        "message": "Von Ihrer Netzwerkadresse kamen gerade sehr viele Stimmen (in einem "
        "Firmennetz teilen sich viele Menschen eine Adresse). Ihre Stimme wurde noch nicht "
        "gezählt: Bitte versuchen Sie es in 60 Sekunden noch einmal.",
        "results": None,
        "retry_after": 60,
    }
    other = vote(client, voter(6))
    assert other.status_code == 201
    assert rows(settings, "SELECT count(*) FROM ballots") == [(1,)]


def test_rate_limited_form_post_gets_a_page_with_retry_after(make_client: ClientFactory) -> None:
    client = make_client(rate_limit=1)
    vote(client, FORM, _next=NEXT)
    response = vote(client, FORM, _next=NEXT)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "60"
    page = BeautifulSoup(response.text, "html.parser")
    assert "in 60 Sekunden" in page.select_one("[role=status]").get_text()
    assert page.select_one("a")["href"] == NEXT


def test_honeypot_answers_like_success_and_stores_nothing(
    client: TestClient, settings: Settings
) -> None:
    response = vote(client, _hp="http://spam.example")
    assert response.status_code == 201
    assert COOKIE.fullmatch(response.headers["set-cookie"])
    assert response.json() == {
        "status": "counted",
        "poll": "live",
        "message": COUNTED,
        "results": two_option_results(),
    }
    page = vote(client, FORM, _hp="http://spam.example", _next=NEXT)
    assert page.status_code == 201
    assert BeautifulSoup(page.text, "html.parser").select_one("[role=status]").get_text() == COUNTED
    for table in ("ballots", "choices", "tallies", "totals", "suggestions"):
        assert rows(settings, f"SELECT count(*) FROM {table}") == [(0,)], table


def test_retry_with_the_same_sid_is_not_counted_twice(
    client: TestClient, settings: Settings
) -> None:
    fields = {"poll": "kantine-2027", "choice": "salatbar", "_sid": "retry-1234"}
    first = client.post("/vote", data=fields, headers=JSON)
    client.cookies.clear()  # a retry may even come without the cookie the lost answer set
    second = client.post("/vote", data=fields, headers=JSON)
    assert first.status_code == second.status_code == 201
    assert first.json() == {
        "status": "counted",
        "poll": "kantine-2027",
        "message": COUNTED,
        "results": SALAD_ONE,
    }
    assert second.json() == {**first.json(), "duplicate_retry": True}
    assert rows(settings, "SELECT count(*) FROM ballots") == [(1,)]
    assert rows(settings, "SELECT votes FROM tallies") == [(1,)]


def test_retried_suggestion_is_queued_once(client: TestClient, settings: Settings) -> None:
    fields = {"poll": "kantine-2027", "suggestion": "Suppe", "_sid": "suggest-123"}
    first = client.post("/vote", data=fields, headers=JSON)
    second = client.post("/vote", data=fields, headers=JSON)
    assert first.status_code == second.status_code == 202
    assert second.json()["duplicate_retry"] is True
    assert rows(settings, "SELECT count(*) FROM suggestions") == [(1,)]


@pytest.mark.parametrize(
    ("poll_id", "shown"),
    [("live", True), ("kantine-2027", True), ("later", False)],
)
def test_results_in_the_answer_follow_the_results_mode(
    client: TestClient, poll_id: str, shown: bool
) -> None:
    response = vote(client, poll=poll_id)
    assert response.status_code == 201
    assert (response.json()["results"] is not None) is shown


def test_header_mode_uses_the_sso_user_and_stores_only_a_hash(
    make_client: ClientFactory, settings: Settings
) -> None:
    client = make_client(voter_mode="header", voter_header="X-Remote-User")
    alice = {**JSON, "X-Remote-User": "alice@example.com"}
    first = vote(client, alice)
    assert first.status_code == 201
    assert "set-cookie" not in first.headers
    client.cookies.clear()
    again = client.post(
        "/vote",
        data={"poll": "live", "choice": "cafe"},
        headers={**alice, "X-Forwarded-For": "1.2.3.4"},
    )
    assert again.status_code == 409
    bob = {**JSON, "X-Remote-User": "bob@example.com"}
    assert vote(client, bob).status_code == 201
    anonymous = vote(client)
    assert anonymous.status_code == 403
    assert anonymous.json() == refusal(
        "not_signed_in", "live", "Bitte melden Sie sich an, um abzustimmen."
    )
    dump = "\n".join(map(str, rows(settings, "SELECT * FROM ballots")))
    assert "alice" not in dump and "bob" not in dump


@pytest.mark.sqlite_only
def test_no_raw_address_is_stored(client: TestClient, settings: Settings) -> None:
    headers = {**JSON, "X-Forwarded-For": "198.51.100.77"}
    vote(client, headers, poll="kantine-2027")
    client.post("/vote", data={"poll": "kantine-2027", "suggestion": "Idee"}, headers=headers)
    database = Path(settings.db_path).read_bytes()
    wal = Path(f"{settings.db_path}-wal")
    database += wal.read_bytes() if wal.exists() else b""
    assert b"198.51.100.77" not in database
    assert b"testclient" not in database


def test_manifest_rebuild_is_picked_up_without_restart(
    client: TestClient, manifest_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Checked on every request here instead of at most once a second: no waiting on the clock
    # (the once-a-second limit itself is tested with a hand-moved clock in test_manifest_source).
    monkeypatch.setattr("faces_backend.http.documents.FILE_CHECK_SECONDS", 0.0)
    answer = vote(client, voter(1), poll="neu")
    assert answer.status_code == 404
    write_manifest(manifest_path, [*POLLS, poll("neu")])
    stat = os.stat(manifest_path)
    os.utime(manifest_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    answer = vote(client, voter(1), poll="neu")
    assert answer.status_code == 201
