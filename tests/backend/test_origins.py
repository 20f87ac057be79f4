"""Origin normalisation, the origin check and the CORS headers."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers

from faces_backend.origins import OriginPolicy, normalize_origin

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
        ({"referer": "https://blog.example.com/posts/x/"}, True),
        ({"referer": "https://blog.example.com.evil.example/"}, False),
        ({"referer": "not a url"}, False),
        ({"origin": "null"}, False),
        ({}, False),
    ],
)
def test_request_allowed(headers: dict[str, str], allowed: bool) -> None:
    assert POLICY.request_allowed(Headers(headers)) is allowed


def test_missing_origin_only_when_allowed() -> None:
    lenient = OriginPolicy(["https://blog.example.com"], allow_missing=True)
    assert lenient.request_allowed(Headers({})) is True
    assert lenient.request_allowed(Headers({"origin": "https://evil.example"})) is False


def test_cors_headers_echo_only_allowed_origins() -> None:
    assert POLICY.cors_headers(Headers({"origin": "http://localhost:8000"})) == {
        "Access-Control-Allow-Origin": "http://localhost:8000",
        "Access-Control-Allow-Credentials": "true",
        "Vary": "Origin",
    }
    assert POLICY.cors_headers(Headers({"origin": "https://evil.example"})) == {}
    assert POLICY.cors_headers(Headers({})) == {}
    assert POLICY.preflight_headers(Headers({"origin": "*"})) is None
