"""Each feature adds its own part to the OpenAPI document; the parts never overlap."""

from __future__ import annotations

import pytest

from faces_backend.http.openapi import ApiPart, assemble
from faces_backend.openapi import PARTS, openapi_document
from faces_backend.polls.openapi import POLLS_API
from faces_backend.views.openapi import VIEWS_API

INFO = {"title": "t", "version": "1"}


def test_each_feature_documents_its_own_paths() -> None:
    assert set(POLLS_API.paths) == {"/vote", "/polls/{poll}/results", "/polls/{poll}/suggestions"}
    assert set(VIEWS_API.paths) == {"/views", "/views.gif"}
    document = openapi_document()
    assert set(document["paths"]) == {path for part in PARTS for path in part.paths}


@pytest.mark.parametrize(
    "second",
    [
        ApiPart(paths={"/vote": {}}),
        ApiPart(paths={}, schemas={"Results": {}}),
        ApiPart(paths={}, responses={"UnknownPoll": {}}),
    ],
)
def test_two_parts_claiming_one_name_fail_at_assembly(second: ApiPart) -> None:
    with pytest.raises(ValueError, match="OpenAPI parts both define"):
        assemble(INFO, [POLLS_API, second], "")


def test_an_assembled_document_is_a_copy_the_caller_may_change() -> None:
    document = assemble(INFO, [POLLS_API], "/api")
    document["paths"]["/vote"]["post"]["summary"] = "changed"
    assert assemble(INFO, [POLLS_API], "/api")["paths"]["/vote"]["post"]["summary"] != "changed"
    assert document["servers"] == [{"url": "/api"}]
