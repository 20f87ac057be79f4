"""The OpenAPI 3.1 document of the backend: each feature's part, assembled here.

Written by hand to match docs/polls-hook.md and docs/reach.md; a feature adds its paths
and schemas as an `ApiPart` in its own `openapi.py` and is listed in `PARTS`.
"""

from __future__ import annotations

from typing import Any

from faces_backend.comments.openapi import COMMENTS_API
from faces_backend.http.openapi import SCHEMAS, ApiPart, assemble, json_answer
from faces_backend.polls.openapi import POLLS_API
from faces_backend.stories.openapi import STORIES_API
from faces_backend.views.openapi import VIEWS_API

INFO: dict[str, Any] = {
    "title": "Faces poll hook, view counter, comments and story intake",
    "version": "1",
    "description": "Readers' votes and suggestions for idea polls embedded in blog posts "
    "(docs/polls-hook.md), privacy-friendly page views (docs/reach.md), and moderated "
    "comments with authors' replies (docs/comments.md), and story proposals for the editors "
    "(docs/stories.md).",
}

SERVICE_API = ApiPart(
    paths={
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "Liveness: manifest loaded and database answering.",
                "responses": {
                    "200": json_answer("Healthy.", {"$ref": SCHEMAS + "Health"}),
                    "503": json_answer(
                        "The database does not answer.", {"$ref": SCHEMAS + "Health"}
                    ),
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": {"200": {"description": "OpenAPI 3.1 JSON."}},
            }
        },
    },
    schemas={
        "Health": {
            "type": "object",
            "required": ["status", "polls", "database"],
            "properties": {
                "status": {"enum": ["ok", "error"]},
                "polls": {"type": "integer"},
                "database": {"enum": ["ok", "error"]},
            },
        },
    },
)

PARTS = (POLLS_API, VIEWS_API, COMMENTS_API, STORIES_API, SERVICE_API)


def openapi_document(root_path: str = "") -> dict[str, Any]:
    """Return the OpenAPI document, with the mount point (e.g. /api) as its server URL."""
    return assemble(INFO, PARTS, root_path)
