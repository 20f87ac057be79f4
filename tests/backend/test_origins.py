"""Origin normalisation, the origin check and the CORS headers."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers

from faces_backend.http.origins import OriginPolicy, normalize_origin

POLICY = OriginPolicy(["https://blog.example.com", "http://localhost:8000"], allow_missing=False)


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://blog.example.com", "https://blog.example.com"),
        ("https://Blog.Example.com:443/posts/x/?a=1#f", "https://blog.example.com"),
        ("http://localhost:8000/", "http://localhost:8000"),
        ("HTTP://LOCALHOST:80", "http://localhost"),
        ("http://[::1]:8000/x", "http://[::1]:8000"),
        ("https://user:pw@blog.example.com/", None),
        ("ftp://blog.example.com", None),
        ("javascript:alert(1)", None),
        ("/posts/x/", None),
        ("null", None),
        ("https://blog.example.com:99999", None),
        ("", None),
    ],
)
def test_normalize_origin(url: str, origin: str | None) -> None:
    assert normalize_origin(url) == origin


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({"origin": "https://blog.example.com"}, True),
        ({"origin": "https://evil.example", "referer": "https://blog.example.com/"}, False),
        # Referer is never evidence, whichever way it points.
        ({"referer": "https://blog.example.com/posts/x/"}, False),
        ({"origin": "https://blog.example.com", "referer": "https://evil.example/"}, True),
        ({"origin": "null"}, False),
        # Origin: null under Referrer-Policy: no-referrer; the fetch metadata still tells.
        ({"origin": "null", "sec-fetch-site": "same-origin"}, True),
        ({"sec-fetch-site": "same-origin"}, True),
        ({"origin": "null", "sec-fetch-site": "same-site"}, False),
        ({"origin": "null", "sec-fetch-site": "cross-site"}, False),
        ({"sec-fetch-site": "cross-site", "referer": "https://blog.example.com/"}, False),
        ({"origin": "https://evil.example", "sec-fetch-site": "same-origin"}, False),
        ({}, False),
    ],
)
def test_request_allowed(headers: dict[str, str], allowed: bool) -> None:
    assert POLICY.request_allowed(Headers(headers)) is allowed


def test_missing_origin_only_when_allowed() -> None:
    lenient = OriginPolicy(["https://blog.example.com"], allow_missing=True)
    assert lenient.request_allowed(Headers({})) is True
    assert lenient.request_allowed(Headers({"origin": "https://evil.example"})) is False
    assert lenient.request_allowed(Headers({"origin": "null"})) is False
    assert lenient.request_allowed(Headers({"sec-fetch-site": "cross-site"})) is False


@pytest.mark.parametrize(
    "next_url",
    [
        "https://blog.example.com/posts/x/#poll-p",
        "https://blog.example.com/posts/x/?lang=de",
        "http://localhost:8000/2026/post/",
        "/2026/post/#poll-p",
        "/",
    ],
)
def test_safe_next_keeps_the_blog(next_url: str) -> None:
    assert POLICY.safe_next(next_url) == next_url


HOSTILE_NEXT = [
    "https://evil.example/",
    "//evil.example",
    "//evil.example/posts/x/",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example\\@blog.example.com/",
    "https://blog.example.com@evil.example/",
    "https://blog.example.com.evil.example/",
    "https://user:pw@blog.example.com/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/posts/x/\r\nSet-Cookie: faces_voter=stolen",
    "https://blog.example.com/x\r\nLocation: https://evil.example/",
    "/posts/\x00x/",
    "/posts/\tx/",
    " //evil.example",
    "posts/x/",
    "http://blog.example.com/",
    "ftp://blog.example.com/",
    "https://blog.example.com/" + "a" * 2048,
    "/" + "a" * 2048,
]


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_safe_next_refuses_every_way_off_the_blog(next_url: str) -> None:
    assert POLICY.safe_next(next_url) is None


def test_cors_headers_echo_only_allowed_origins() -> None:
    assert POLICY.cors_headers(Headers({"origin": "http://localhost:8000"})) == {
        "Access-Control-Allow-Origin": "http://localhost:8000",
        "Access-Control-Allow-Credentials": "true",
        "Vary": "Origin",
    }
    assert POLICY.cors_headers(Headers({"origin": "https://evil.example"})) == {}
    assert POLICY.cors_headers(Headers({})) == {}
    assert POLICY.preflight_headers(Headers({"origin": "*"})) is None
