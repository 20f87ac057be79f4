"""Voter identity: client address behind proxies, cookie tokens, SSO header, hashes only."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import Request

from faces_backend.http.identity import VoterIdentity
from faces_backend.http.settings import Settings
from faces_backend.polls.ballots import daily_salt
from faces_backend.store.schema import open_database

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
    voter = asyncio.run(identity(ip_limit=200).identify(request({})))
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


def test_the_address_hash_is_kept_only_for_a_cap_per_address() -> None:
    capped = asyncio.run(identity(ip_limit=200).identify(request({})))
    assert capped.ip_hash is not None
    by_default = asyncio.run(identity().identify(request({})))
    assert by_default.ip_hash is None and by_default.client_key == capped.client_key


def test_the_address_hash_uses_the_salt_of_the_day_and_forgets_yesterday(
    tmp_path: Path,
) -> None:
    conn = open_database(tmp_path / "polls.sqlite3")
    days = iter(["2026-11-23", "2026-11-23", "2026-11-24"])

    async def salt_from_the_database(day: str) -> bytes:
        return daily_salt(conn, day)

    clocked = VoterIdentity(SETTINGS, salt_from_the_database, day=lambda: next(days))
    reader = request({}, client="203.0.113.7")
    monday, monday_again, tuesday = (asyncio.run(clocked.ip_hash(reader)) for _ in range(3))
    assert monday == monday_again
    assert tuesday != monday
    assert conn.execute("SELECT day FROM daily_salts").fetchall() == [("2026-11-24",)]
    assert "203.0.113.7" not in monday + tuesday
    conn.close()


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
