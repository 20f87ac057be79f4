"""Property: no form body, however odd, makes POST /vote fail with a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlencode

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faces_backend import Settings, create_app
from faces_backend.openapi import openapi_document
from faces_backend.polls.answers import STATUS_CODES
from tests.backend.helpers import ORIGIN, POLLS, SECRET, TestClient, write_manifest

NAMES = st.sampled_from(["poll", "choice", "suggestion", "_next", "_hp", "_sid", "_x", "name"])
VALUES = st.one_of(
    st.sampled_from(["live", "multi", "kantine-2027", "closed", "cafe", "a", "b", "", ORIGIN]),
    st.text(max_size=80),
    st.text(alphabet="abc-_", min_size=7, max_size=70),
)
FIELDS = st.lists(st.tuples(st.one_of(NAMES, st.text(max_size=10)), VALUES), max_size=12)
ACCEPT = st.sampled_from(["application/json", "text/html", "*/*", ""])
DOCUMENTED = set(STATUS_CODES.values()) | {303}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("properties")
    base = Settings(
        manifest=str(write_manifest(folder / "polls.json", POLLS)),
        db_path=folder / "polls.sqlite3",
        allowed_origins=(ORIGIN,),
        secret=SECRET,
        trust_proxy=1,
        rate_limit=10**9,
        max_body=2048,
    )
    with TestClient(create_app(replace(base)), base_url="https://testserver") as test_client:
        yield test_client


def check(response: object, accept: str) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    assert status < 500 and status in DOCUMENTED, status
    if accept == "application/json":
        document = openapi_document()
        schema = {
            **document["components"]["schemas"]["VoteAnswer"],
            "components": document["components"],
        }
        jsonschema.validate(response.json(), schema)  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields=FIELDS, accept=ACCEPT, forwarded=st.integers(0, 255))
def test_any_form_gets_a_documented_answer(
    client: TestClient, fields: list[tuple[str, str]], accept: str, forwarded: int
) -> None:
    client.cookies.clear()
    headers = {
        "Origin": ORIGIN,
        "Accept": accept,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": f"198.51.100.{forwarded}",
    }
    response = client.post("/vote", content=urlencode(fields), headers=headers)
    check(response, accept)


@settings(max_examples=200, deadline=None)
@given(
    body=st.binary(max_size=3000),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "text/plain",
            "",
            "application/x-www-form-urlencoded; charset=latin-1",
        ]
    ),
)
def test_any_bytes_get_a_documented_answer(
    client: TestClient, body: bytes, content_type: str
) -> None:
    headers = {"Origin": ORIGIN, "Accept": "application/json", "Content-Type": content_type}
    response = client.post("/vote", content=body, headers=headers)
    check(response, "application/json")


@settings(max_examples=100, deadline=None)
@given(fields=FIELDS)
def test_any_multipart_form_gets_a_documented_answer(
    client: TestClient, fields: list[tuple[str, str]]
) -> None:
    client.cookies.clear()
    files = [(name, (None, value)) for name, value in fields] or [("_x", (None, ""))]
    response = client.post(
        "/vote", files=files, headers={"Origin": ORIGIN, "Accept": "application/json"}
    )
    check(response, "application/json")
