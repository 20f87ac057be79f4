"""The hand-written OpenAPI document: valid 3.1, and in step with the implementation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate

from faces_backend.http.forms import RESERVED_FIELDS
from faces_backend.openapi import openapi_document
from faces_backend.polls.answers import STATUS_CODES
from tests.backend.helpers import JSON, TestClient


def vote_answer_schema(document: dict[str, Any]) -> dict[str, Any]:
    """Return the VoteAnswer schema with its references resolvable."""
    schemas = document["components"]["schemas"]
    return {**schemas["VoteAnswer"], "$defs": {}, "components": document["components"]}


def test_document_is_valid_openapi_3_1() -> None:
    validate(openapi_document())


def test_every_status_of_the_hook_is_documented() -> None:
    document = openapi_document()
    documented = set(document["paths"]["/vote"]["post"]["responses"])
    assert documented == {str(code) for code in STATUS_CODES.values()}
    words = document["components"]["schemas"]["VoteAnswer"]["properties"]["status"]["enum"]
    assert set(words) == set(STATUS_CODES)


def test_every_form_field_is_documented() -> None:
    form = openapi_document()["components"]["schemas"]["VoteForm"]["properties"]
    assert set(form) == {"poll", "choice", "suggestion"} | RESERVED_FIELDS


def test_server_url_is_the_mount_point() -> None:
    assert openapi_document("/api")["servers"] == [{"url": "/api"}]


@pytest.mark.parametrize(
    "fields",
    [
        {"poll": "live", "choice": "cafe"},
        {"poll": "kantine-2027", "suggestion": "Suppe"},
        {"poll": "nope"},
        {"poll": "live", "choice": "x", "_sid": "abc"},
        {"choice": "cafe"},
        {"poll": "closed", "choice": "cafe"},
    ],
)
def test_json_answers_match_the_vote_answer_schema(
    client: TestClient, fields: dict[str, str]
) -> None:
    document = openapi_document()
    response = client.post("/vote", data=fields, headers=JSON)
    assert str(response.status_code) in document["paths"]["/vote"]["post"]["responses"]
    jsonschema.validate(response.json(), vote_answer_schema(document))


def test_every_route_of_the_app_is_documented() -> None:
    from faces_backend import Settings, create_app

    app = create_app(Settings(manifest="unused.json", db_path=Path("unused.sqlite3")))
    served = {
        (re.sub(r":\w+}", "}", route.path), method.lower())  # {thread:path} is {thread}
        for route in app.routes
        for method in route.methods or ()
        if method != "HEAD"  # Starlette answers HEAD wherever GET is served
    }
    paths = openapi_document()["paths"]
    documented = {(path, method) for path, item in paths.items() for method in item}
    assert documented == served
