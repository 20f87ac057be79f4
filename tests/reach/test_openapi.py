"""The view counter's part of the OpenAPI document: every status, and answers that match it."""

from __future__ import annotations

import jsonschema
import pytest

from faces_backend.openapi import openapi_document
from faces_backend.views.endpoints import STATUS_CODES as VIEW_CODES
from tests.backend.helpers import ORIGIN, TestClient
from tests.reach.conftest import AppFactory


def test_every_view_status_is_documented() -> None:
    document = openapi_document()
    header = document["paths"]["/views"]["post"]["responses"]["204"]["headers"]["Reach-Status"]
    assert set(header["schema"]["enum"]) == set(VIEW_CODES)
    beacon = set(document["paths"]["/views"]["post"]["responses"])
    pixel = set(document["paths"]["/views.gif"]["get"]["responses"])
    assert beacon == {str(code) for code in VIEW_CODES.values()}
    assert pixel == beacon - {"204", "413"} | {"200"}


@pytest.mark.parametrize(
    ("request_path", "method", "status"),
    [
        ("/views", "post", 400),
        ("/views?p=/gibt-es-nicht/", "post", 404),
        ("/views.gif?p=/gibt-es-nicht/", "get", 404),
    ],
)
def test_view_refusals_match_the_schema(
    make_app: AppFactory, request_path: str, method: str, status: int
) -> None:
    document = openapi_document()
    with TestClient(make_app(), base_url=ORIGIN) as client:
        response = client.request(method.upper(), request_path)
    assert response.status_code == status
    template = request_path.split("?")[0]
    assert str(status) in document["paths"][template][method]["responses"]
    schema = {**document["components"]["schemas"]["ViewRefusal"], "components": {}}
    jsonschema.validate(response.json(), schema)
    assert response.headers["reach-status"] == response.json()["status"]
