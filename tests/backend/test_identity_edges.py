"""Voter identity at its edges: one salt lookup a day, header mode keeps addresses apart."""

from __future__ import annotations

import asyncio

from faces_backend.http.identity import VoterIdentity
from tests.backend.helpers import JSON, ClientFactory
from tests.backend.test_identity import SETTINGS, request


def test_the_salt_is_looked_up_once_a_day_and_replaced_at_midnight() -> None:
    asked: list[str] = []

    async def salt_of_day(day: str) -> bytes:
        asked.append(day)
        return f"salt-{day}".encode()

    days = iter(["2026-11-23"] * 3 + ["2026-11-24"] * 2)
    clocked = VoterIdentity(SETTINGS, salt_of_day, day=lambda: next(days))
    reader = request({}, client="203.0.113.7")
    hashes = [asyncio.run(clocked.ip_hash(reader)) for _ in range(5)]
    assert asked == ["2026-11-23", "2026-11-24"]
    assert hashes[0] == hashes[1] == hashes[2] != hashes[3] == hashes[4]


def test_in_header_mode_each_address_has_its_own_rate_limit(make_client: ClientFactory) -> None:
    client = make_client(voter_mode="header", rate_limit=1)
    fields = {"poll": "live", "choice": "cafe"}
    answers = [
        client.post(
            "/vote",
            data=fields,
            headers={**JSON, "X-Remote-User": user, "X-Forwarded-For": f"203.0.113.{number}"},
        )
        for number, user in enumerate(["alice", "bob", "carol"], start=1)
    ]
    assert [answer.json()["status"] for answer in answers] == ["counted"] * 3
    again = client.post(
        "/vote",
        data=fields,
        headers={**JSON, "X-Remote-User": "dave", "X-Forwarded-For": "203.0.113.1"},
    )
    assert (again.status_code, again.json()["status"]) == (429, "rate_limited")
