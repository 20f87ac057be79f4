"""The comment form's stamp: used once, not too fast, not too old, genuine; proof of work."""

from __future__ import annotations

import time
from typing import Any

import pytest

from faces_backend import Settings
from faces_backend.http.form_stamp import FormStamps
from faces_backend.http.proof_of_work import solve, solves
from tests.backend.comments_support import COMMENTS
from tests.backend.helpers import JSON, SECRET, TestClient

pytestmark = pytest.mark.both_stores


def test_a_stamp_is_used_once(comment_client: TestClient, settings: Settings) -> None:
    fields = {**COMMENTS.fields(), "stamp": COMMENTS.stamp(comment_client)}
    assert comment_client.post("/comments", data=fields, headers=JSON).status_code == 201
    again = comment_client.post("/comments", data=fields, headers=JSON)
    assert again.status_code == 409 and again.json()["status"] == "replayed"
    assert len(COMMENTS.stored(settings)) == 1


def test_a_form_sent_at_once_is_too_fast(make_comment_client: Any, settings: Settings) -> None:
    client = make_comment_client(comments={"min_seconds": 3})
    answer = COMMENTS.post(client)
    assert answer.status_code == 422 and answer.json()["error"] == "too_fast"
    assert COMMENTS.stored(settings) == []


def test_old_forged_and_missing_stamps_are_refused(
    comment_client: TestClient, settings: Settings
) -> None:
    old = FormStamps(
        SECRET, "comments", min_seconds=0, max_seconds=7200, clock=lambda: time.time() - 7300
    )
    other_key = FormStamps(
        b"another-secret-" + b"y" * 32, "comments", min_seconds=0, max_seconds=7200
    )
    other_purpose = FormStamps(SECRET, "votes", min_seconds=0, max_seconds=7200)
    good = COMMENTS.stamp(comment_client)
    issued, nonce, bits, mac = good.split(".")
    cases = {
        old.issue(): "expired",
        other_key.issue(): "invalid",
        other_purpose.issue(): "invalid",
        f"{int(issued) - 100}.{nonce}.{bits}.{mac}": "invalid",
        f"{issued}.{nonce}.0.{mac[:-1]}": "invalid",
        "x" * 5000: "invalid",
    }
    for value, error in cases.items():
        answer = comment_client.post(
            "/comments", data={**COMMENTS.fields(), "stamp": value}, headers=JSON
        )
        assert (answer.status_code, answer.json()["error"]) == (422, error), value[:40]
    missing = comment_client.post("/comments", data=COMMENTS.fields(), headers=JSON)
    assert (missing.status_code, missing.json()["error"]) == (422, "missing")
    assert COMMENTS.stored(settings) == []


def test_proof_of_work_when_switched_on(make_comment_client: Any, settings: Settings) -> None:
    client = make_comment_client(comments={"pow_bits": 8})
    fresh = COMMENTS.stamp(client)
    assert fresh.split(".")[2] == "8"
    wrong = client.post(
        "/comments", data={**COMMENTS.fields(), "stamp": fresh, "pow": "x"}, headers=JSON
    )
    assert (wrong.status_code, wrong.json()["field"]) == (422, "pow")
    unsolved = next(str(n) for n in range(10_000) if not solves(fresh, str(n), 8))
    assert (
        client.post(
            "/comments", data={**COMMENTS.fields(), "stamp": fresh, "pow": unsolved}, headers=JSON
        ).status_code
        == 422
    )
    right = client.post(
        "/comments",
        data={**COMMENTS.fields(), "stamp": fresh, "pow": solve(fresh, 8)},
        headers=JSON,
    )
    assert right.status_code == 201


def test_a_used_stamp_stays_used_until_it_expires_whatever_comes_after(
    make_comment_client: Any, settings: Settings
) -> None:
    days = 86400
    client = make_comment_client(comments={"max_seconds": 3 * days})
    older = FormStamps(
        SECRET,
        "comments",
        min_seconds=0,
        max_seconds=3 * days,
        clock=lambda: time.time() - 2.5 * days,
    ).issue()
    first = {**COMMENTS.fields(), "stamp": older}
    assert client.post("/comments", data=first, headers=JSON).status_code == 201
    assert COMMENTS.post(client).status_code == 201  # a fresh stamp, used after the older one
    assert client.post("/comments", data=first, headers=JSON).status_code == 409
    assert len(COMMENTS.stored(settings)) == 2


def test_leading_zero_bits_and_difficulty_zero() -> None:
    from faces_backend.http.proof_of_work import leading_zero_bits

    assert leading_zero_bits(b"\x80") == 0
    assert leading_zero_bits(b"\x00\x0f") == 12
    assert leading_zero_bits(b"\x00" * 32) == 256
    assert solves("any", None, 0)  # off: nothing asked
    assert not solves("any", "1" * 21, 1)  # answers are bounded
