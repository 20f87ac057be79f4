"""Voter identity: client address behind proxies, cookie tokens, SSO header, hashes only."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import pytest
from starlette.requests import Request

from faces_backend.identity import VoterIdentity
from faces_backend.settings import Settings

SETTINGS = Settings(manifest="m.json", secret=b"k" * 32, allowed_origins=("https://b.example",))


def request(headers: dict[str, str], client: str = "192.0.2.10", scheme: str = "http") -> Request:
    scope = {
        "type": "http",
        "method": "POST",
        "scheme": scheme,
        "server": ("testserver", 80),
        "path": "/vote",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": (client, 50000),
    }
    return Request(scope)


async def salt(day: str) -> bytes:
    return day.encode()


def identity(**changes: Any) -> VoterIdentity:
    return VoterIdentity(replace(SETTINGS, **changes), salt)


@pytest.mark.parametrize(
    ("hops", "forwarded", "address"),
    [
        (0, "203.0.113.9", "192.0.2.10"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (2, "203.0.113.9", "192.0.2.10"),
        (1, "", "192.0.2.10"),
    ],
)
def test_client_ip(hops: int, forwarded: str, address: str) -> None:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    assert identity(trust_proxy=hops).client_ip(request(headers)) == address


def test_forwarded_proto_counts_only_behind_a_trusted_proxy() -> None:
    headers = {"X-Forwarded-Proto": "https"}
    assert identity(trust_proxy=1).is_https(request(headers)) is True
    assert identity(trust_proxy=0).is_https(request(headers)) is False
    assert identity().is_https(request({}, scheme="https")) is True


def test_public_mode_issues_a_cookie_and_hashes_everything() -> None:
    voter = asyncio.run(identity().identify(request({})))
    assert voter.new_cookie is not None and len(voter.new_cookie) == 43
    assert voter.voter_hash is not None and len(voter.voter_hash) == 64
    assert voter.ip_hash == voter.client_key
    assert "192.0.2.10" not in repr(voter)
    cookie = {"Cookie": f"faces_voter={voter.new_cookie}"}
    again = asyncio.run(identity().identify(request(cookie)))
    assert again.new_cookie is None and again.voter_hash == voter.voter_hash


def test_a_forged_cookie_is_replaced() -> None:
    voter = asyncio.run(identity().identify(request({"Cookie": "faces_voter=x'; DROP"})))
    assert voter.new_cookie is not None


def test_results_lookups_issue_no_cookie() -> None:
    voter = asyncio.run(identity().identify(request({}), issue_cookie=False))
    assert voter.new_cookie is None and voter.voter_hash is None


def test_ip_hash_changes_with_the_day_salt_and_can_be_left_out() -> None:
    first = asyncio.run(identity().identify(request({})))
    assert first.ip_hash is not None
    no_limit = asyncio.run(identity(ip_limit=False).identify(request({})))
    assert no_limit.ip_hash is None and no_limit.client_key == first.client_key


def test_header_mode() -> None:
    sso = identity(voter_mode="header", voter_header="X-Remote-User")
    alice = asyncio.run(sso.identify(request({"X-Remote-User": "alice"})))
    assert alice.voter_hash is not None and "alice" not in alice.voter_hash
    assert alice.new_cookie is None and alice.ip_hash is None
    assert asyncio.run(sso.identify(request({}))).voter_hash is None
    other_secret = VoterIdentity(replace(SETTINGS, voter_mode="header", secret=b"z" * 32), salt)
    assert asyncio.run(other_secret.identify(request({"X-Remote-User": "alice"}))).voter_hash != (
        alice.voter_hash
    )
