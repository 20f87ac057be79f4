"""The reach manifest as the backend reads it: the shape of paths, and clear errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from faces_backend.http.documents import ManifestError
from faces_backend.views.manifest import parse_view_manifest


def document(pages: Any, version: Any = 1) -> str:
    return json.dumps(
        {"version": version, "generated": "2026-11-22T10:00:00+00:00", "pages": pages}
    )


def test_paths_and_extra_fields() -> None:
    manifest = parse_view_manifest(
        document([{"path": "/", "kind": "page"}, {"path": "/2026/zürich/", "title": "Zürich"}])
    )
    assert manifest.paths == frozenset({"/", "/2026/zürich/"})
    assert manifest.generated == "2026-11-22T10:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "the manifest is not valid JSON"),
        ("[]", "must be a JSON object"),
        (document([], version=2), "'version' is 2"),
        (json.dumps({"version": 1}), "'pages' must be a list"),
        (document(["/a/"]), "pages[0].path is None"),
        (document([{"path": "a/"}]), "pages[0].path is 'a/'"),
        (document([{"path": "/a b/"}]), "pages[0].path is '/a b/'"),
        (document([{"path": "/a/?x=1"}]), "pages[0].path is '/a/?x=1'"),
        (document([{"path": "/" + "a" * 600}]), "at most 512 characters"),
        (document([{"path": "/a/"}, {"path": "/a/"}]), "pages[1].path '/a/' appears twice"),
    ],
)
def test_a_broken_manifest_is_refused_with_the_entry_named(text: str, message: str) -> None:
    with pytest.raises(ManifestError) as caught:
        parse_view_manifest(text)
    assert message in str(caught.value)
