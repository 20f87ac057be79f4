"""The story endpoints in the backend's OpenAPI document (docs/stories.md in prose)."""

from __future__ import annotations

from typing import Any

from faces_backend.http.openapi import (
    PATH_ID,
    SCHEMAS,
    ApiPart,
    stamp_path,
    stamped_form_answer,
    stamped_form_body,
    stamped_form_fields,
)
from faces_backend.stories.answers import CODES

_FORM: dict[str, Any] = {
    "type": "object",
    "required": ["about", "text", "department"],
    "properties": {
        "about": {"enum": ["myself", "someone"], "description": "Who the story is about."},
        "text": {"type": "string", "description": "Plain text, at most FACES_STORIES_TEXT_MAX."},
        "person": {"type": "string", "maxLength": 80, "description": "Optional: about whom."},
        "department": {"type": "string", "maxLength": 80},
        "contact": {
            "type": "string",
            "maxLength": 120,
            "description": "Optional e-mail or phone for the outcome; deleted at the decision.",
        },
        "proposer": {"type": "string", "maxLength": 80, "description": "Optional."},
        **stamped_form_fields(
            "/stories/stamp", "a page showing the proposal once more", "The page to go back to."
        ),
    },
}

_ANSWER = stamped_form_answer(sorted(CODES), "proposer")
_CONTENT = {
    "application/json": {"schema": {"$ref": SCHEMAS + "StoryAnswer"}},
    "text/html": {"schema": {"type": "string"}},
}
_PAGE = {"text/html": {"schema": {"type": "string"}}}
_CODES = {
    "200": "Plain form without stamp (or a stale one): the proposal once more to confirm.",
    "201": "Stored for the editors (JSON, or the thank-you page with the way back).",
    "400": "Malformed: not UTF-8, wrong content type.",
    "403": "Origin or _next not allowed; or no SSO user (intranet).",
    "409": "This stamp was used already.",
    "413": "Body too large.",
    "422": "Invalid field: about, text, person, department, contact, proposer, stamp.",
    "429": "Rate limited.",
    "503": "The database is not available.",
}

STORIES_API = ApiPart(
    paths={
        "/stories": {
            "post": {
                "operationId": "proposeStory",
                "summary": "Propose a story to the editors; it waits in their queue.",
                "requestBody": stamped_form_body("StoryForm"),
                "responses": {
                    code: {"description": text, "content": _CONTENT}
                    for code, text in _CODES.items()
                },
            },
            "options": {
                "operationId": "storyPreflight",
                "summary": "CORS preflight for JSON posts.",
                "responses": {"204": {"description": "Allowed."}, "403": {"description": "No."}},
            },
        },
        "/moderation/stories": {
            "get": {
                "operationId": "storyQueuePage",
                "summary": "The editors' queue (signed in on /moderation/comments), else the "
                "way to the login.",
                "responses": {"200": {"description": "HTML page.", "content": _PAGE}},
            }
        },
        "/moderation/stories/{id}": {
            "post": {
                "operationId": "decideStory",
                "summary": "Accept for an editor (a profile of the build) or decline with an "
                "internal reason; the answer shows the proposer's contact once.",
                "parameters": [PATH_ID],
                "responses": {
                    "200": {"description": "Decided; the queue page.", "content": _PAGE},
                    "403": {
                        "description": "Not signed in, foreign origin or CSRF.",
                        "content": _PAGE,
                    },
                    "422": {
                        "description": "Unknown story or editor, empty reason.",
                        "content": _PAGE,
                    },
                    "503": {"description": "The database is not available.", "content": _PAGE},
                },
            }
        },
        "/stories/stamp": stamp_path("storyStamp"),
    },
    schemas={"StoryForm": _FORM, "StoryAnswer": _ANSWER},
)
