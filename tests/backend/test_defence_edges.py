"""The backend's defences at their edges: exact limits, odd headers, hostile origins."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from starlette.requests import Request

from faces_backend.http.bots import USER_AGENT_MAX_CHARS, is_bot
from faces_backend.http.forms import MalformedBody, decode_fields
from faces_backend.http.origins import normalize_origin
from tests.backend.helpers import (
    JSON,
    NEXT,
    ORIGIN,
    ClientFactory,
    TestClient,
    refusal,
    two_option_results,
)

MALFORMED = refusal(
    "malformed", None, "Die Anfrage konnte nicht gelesen werden. Bitte laden Sie die Seite neu."
)
# de_CH, the default: ss for ß.
TOO_LARGE = refusal(
    "too_large", None, "Die Anfrage ist zu gross. Bitte kürzen Sie Ihren Vorschlag."
)
FOREIGN = refusal(
    "origin_not_allowed",
    "live",
    (
        "Abstimmen ist nur über die Seiten des Blogs möglich. Bitte öffnen Sie den Beitrag im "
        "Blog und stimmen Sie dort ab."
    ),
)
URLENCODED = {**JSON, "Content-Type": "application/x-www-form-urlencoded"}
MAX_BODY = 256


def counted(votes_for_cafe: int = 1) -> dict[str, object]:
    return {
        "status": "counted",
        "poll": "live",
        "message": "Danke! Ihre Stimme wurde gezählt.",
        "results": two_option_results(cafe=votes_for_cafe),
    }


def body_of(size: int) -> bytes:
    """A valid vote for `live` padded with an ignored `_pad` field to exactly `size` bytes."""
    start = b"poll=live&choice=cafe&_pad="
    return start + b"x" * (size - len(start))


def in_chunks(body: bytes) -> Iterator[bytes]:
    """The body in small pieces, sent without Content-Length (chunked)."""
    for offset in range(0, len(body), 50):
        yield body[offset : offset + 50]


@pytest.mark.parametrize(
    "headers",
    [
        JSON,  # no Content-Type at all
        {**JSON, "Content-Type": ""},
        {**JSON, "Content-Type": "text/plain"},
        {**JSON, "Content-Type": "application/json"},
        {**JSON, "Content-Type": ";"},
        {**JSON, "Content-Type": "multipart/form-data"},  # no boundary
    ],
)
def test_a_post_without_a_form_content_type_is_a_clear_400(
    client: TestClient, headers: dict[str, str]
) -> None:
    answer = client.post("/vote", content=b"poll=live&choice=cafe", headers=headers)
    assert (answer.status_code, answer.json()) == (400, MALFORMED)


@pytest.mark.parametrize("streamed", [False, True], ids=["content-length", "chunked"])
def test_the_body_limit_is_exact(make_client: ClientFactory, streamed: bool) -> None:
    client = make_client(max_body=MAX_BODY)
    at_limit, over = body_of(MAX_BODY), body_of(MAX_BODY + 1)
    if streamed:
        accepted = client.post("/vote", content=in_chunks(at_limit), headers=URLENCODED)
        client.cookies.clear()
        refused = client.post("/vote", content=in_chunks(over), headers=URLENCODED)
        assert "content-length" not in refused.request.headers
    else:
        accepted = client.post("/vote", content=at_limit, headers=URLENCODED)
        client.cookies.clear()
        refused = client.post("/vote", content=over, headers=URLENCODED)
    assert (accepted.status_code, accepted.json()) == (201, counted())
    assert (refused.status_code, refused.json()) == (413, TOO_LARGE)


def test_a_declared_oversized_body_is_refused_unread(make_client: ClientFactory) -> None:
    app = make_client(max_body=MAX_BODY).app
    sent: list[dict[str, object]] = []
    read = 0

    async def receive() -> dict[str, object]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"x" * 100, "more_body": read < 1000}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    headers = {**URLENCODED, "Content-Length": str(100_000)}
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "https",
        "server": ("testserver", 443),
        "client": ("203.0.113.5", 50000),
        "root_path": "",
        "path": "/vote",
        "raw_path": b"/vote",
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(app(scope, receive, send))
    assert (sent[0]["type"], sent[0]["status"]) == ("http.response.start", 413)
    assert json.loads(b"".join(m.get("body", b"") for m in sent[1:])) == TOO_LARGE
    assert read == 0


async def _file_part_reason() -> str:
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="poll"\r\n\r\nlive\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\nhello\r\n--{boundary}--\r\n"
    ).encode()
    content_type = f"multipart/form-data; boundary={boundary}".encode()
    scope = {"type": "http", "method": "POST", "headers": [(b"content-type", content_type)]}
    try:
        await decode_fields(Request(scope), body)
    except MalformedBody as refused:
        return str(refused)
    return "accepted"


def test_a_file_part_is_refused_by_the_parser_before_it_is_stored() -> None:
    # With max_files=0 the parser stops at the file's headers; it never spools the file.
    assert asyncio.run(_file_part_reason()) == (
        "invalid multipart form: Too many files. Maximum number of files is 0."
    )


def test_a_file_in_a_multipart_post_is_refused(client: TestClient) -> None:
    answer = client.post(
        "/vote",
        data={"poll": "live", "choice": "cafe"},
        files={"upload": ("note.txt", b"hello", "text/plain")},
        headers=JSON,
    )
    assert (answer.status_code, answer.json()) == (400, MALFORMED)
    fine = client.post(
        "/vote", data={"poll": "live", "choice": "cafe"}, files={"_none": (None, b"")}, headers=JSON
    )
    assert (fine.status_code, fine.json()) == (201, counted())


@pytest.mark.parametrize("fields", [32, 33, 200, 1001])
def test_multipart_field_count_is_capped(make_client: ClientFactory, fields: int) -> None:
    # More fields than the parser's default of 1,000 are still "too many", not unreadable.
    client = make_client(max_body=200_000)
    pads = {f"_pad{number}": (None, b"") for number in range(fields - 2)}
    answer = client.post(
        "/vote", files={"poll": (None, b"live"), "choice": (None, b"cafe"), **pads}, headers=JSON
    )
    expected = (201, counted()) if fields <= 32 else (413, TOO_LARGE)
    assert (answer.status_code, answer.json()) == expected


def test_a_large_multipart_field_within_the_body_limit_is_read_whole(
    make_client: ClientFactory,
) -> None:
    # Larger than the parser's own default part limit (1 MiB): the body limit is what counts.
    client = make_client(max_body=1_200_000)
    boundary = "b0undary"
    long_part = "x" * 1_100_000
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="poll"\r\n\r\nlive\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="choice"\r\n\r\ncafe\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="_pad"\r\n\r\n{long_part}\r\n'
        f"--{boundary}--\r\n"
    ).encode()
    headers = {**JSON, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    answer = client.post("/vote", content=body, headers=headers)
    assert (answer.status_code, answer.json()) == (201, counted())


BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.mark.parametrize(
    ("length", "bot"),
    [(len(BROWSER), False), (USER_AGENT_MAX_CHARS, False), (USER_AGENT_MAX_CHARS + 1, True)],
)
def test_the_user_agent_length_limit_is_exact(length: int, bot: bool) -> None:
    user_agent = BROWSER + "x" * (length - len(BROWSER))
    assert len(user_agent) == length
    assert is_bot(user_agent) is bot


@pytest.mark.parametrize(
    "origin",
    [
        "https://user@blog.example.com",
        "https://user:secret@blog.example.com",
        "https://:secret@blog.example.com",
        "https://blog.example.com@evil.example",
        "https://evil.example\\@blog.example.com",
    ],
)
def test_an_origin_with_user_info_is_refused(client: TestClient, origin: str) -> None:
    assert normalize_origin(origin) != ORIGIN
    answer = client.post(
        "/vote", data={"poll": "live", "choice": "cafe"}, headers={**JSON, "Origin": origin}
    )
    assert (answer.status_code, answer.json()) == (403, FOREIGN)


@pytest.mark.parametrize(
    "referer", ["not a url", "javascript:alert(1)", "//blog.example.com/", ORIGIN + "/posts/", ""]
)
def test_a_referer_never_stands_in_for_the_origin(make_client: ClientFactory, referer: str) -> None:
    client = make_client()
    headers = {"Accept": "application/json", "Referer": referer}
    refused = client.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=headers)
    assert (refused.status_code, refused.json()) == (403, FOREIGN)
    scripts_allowed = make_client(allow_missing_origin=True)
    answer = scripts_allowed.post("/vote", data={"poll": "live", "choice": "cafe"}, headers=headers)
    assert (answer.status_code, answer.json()) == (201, counted())


@pytest.mark.parametrize(
    ("trust_proxy", "forwarded_proto", "secure"),
    [
        (1, "https", True),
        (1, "HTTPS ", True),
        (1, "http, https", True),  # the entry our own proxy added is the last one
        (1, "http,https", True),
        (1, "https, http", False),
        (1, "https,http", False),
        (1, "http", False),
        (1, None, False),  # no header: the scheme of the connection (http here)
        (0, "https", False),  # no trusted proxy: anyone can send the header
    ],
)
def test_the_cookie_is_secure_only_if_the_readers_browser_used_https(
    make_client: ClientFactory, trust_proxy: int, forwarded_proto: str | None, secure: bool
) -> None:
    client = make_client(base_url="http://testserver", trust_proxy=trust_proxy)
    headers = {**JSON, "X-Forwarded-For": "203.0.113.9"}
    if forwarded_proto is not None:
        headers["X-Forwarded-Proto"] = forwarded_proto
    answer = client.post(
        "/vote", data={"poll": "live", "choice": "cafe", "_next": NEXT}, headers=headers
    )
    assert (answer.status_code, answer.json()) == (201, counted())
    flags = [flag.strip().lower() for flag in answer.headers["set-cookie"].split(";")[1:]]
    assert ("secure" in flags) is secure


@pytest.mark.parametrize("url", ["https://", "https://:443", "https:///path", "http://?x"])
def test_an_origin_without_a_host_is_none(url: str) -> None:
    assert normalize_origin(url) is None
