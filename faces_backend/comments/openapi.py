"""The comment endpoints in the backend's OpenAPI document (docs/comments.md in prose)."""

from __future__ import annotations

from typing import Any

from faces_backend.comments.notify.openapi import subscription_paths
from faces_backend.comments.openapi_moderation import MODERATION_PATHS
from faces_backend.http.openapi import (
    PATH_ID,
    SCHEMAS,
    ApiPart,
    form_body,
    json_answer,
    stamp_path,
    stamped_form_answer,
    stamped_form_body,
    stamped_form_fields,
)

_THREAD_PATTERN = "^(?!stamp$|withdraw/)[A-Za-z0-9][A-Za-z0-9_/-]{0,199}$"
_COMMENT_ID = {"type": "string", "pattern": "^c-[0-9a-f]{12}$"}
_HTML = {"text/html": {"schema": {"type": "string"}}}
_WORDS = [
    "pending",
    "preview",
    "reported",
    "withdrawn",
    "malformed",
    "origin_not_allowed",
    "not_signed_in",
    "wrong_token",
    "unknown_thread",
    "unknown_comment",
    "replayed",
    "closed",
    "too_large",
    "invalid",
    "rate_limited",
    "unavailable",
]

_FORM: dict[str, Any] = {
    "type": "object",
    "required": ["thread", "name", "text"],
    "properties": {
        "thread": {"type": "string", "maxLength": 200, "description": "Thread id (manifest)."},
        "parent": {**_COMMENT_ID, "description": "A top-level comment of the same thread."},
        "name": {"type": "string", "maxLength": 200, "description": "Public display name."},
        "email": {
            "type": "string",
            "maxLength": 254,
            "description": "Optional; only passed on for reply mails when notify is on. "
            "Never stored by the comment backend.",
        },
        "text": {"type": "string", "description": "Plain text, at most FACES_COMMENTS_TEXT_MAX."},
        "notify": {"type": "string", "enum": ["on", ""], "description": "on = reply mail."},
        "pow": {"type": "string", "description": "Proof-of-work answer when the stamp asks."},
        **stamped_form_fields("/comments/stamp", "a preview page", "The post's URL."),
    },
}

_ANSWER = stamped_form_answer(
    _WORDS,
    "reader",
    id=_COMMENT_ID,
    withdraw_url={"type": "string", "description": "The private withdraw link (once)."},
)

_RECORD: dict[str, Any] = {
    "type": "object",
    "required": ["id", "parent", "name", "profile", "text", "received", "approved"],
    "properties": {
        "id": _COMMENT_ID,
        "parent": {"type": ["string", "null"]},
        "name": {"type": "string"},
        "profile": {"type": ["string", "null"]},
        "text": {"type": "string"},
        "received": {"type": "string"},
        "approved": {"type": ["string", "null"]},
    },
}


def _answers(codes: dict[str, str], *, html: bool = True) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": {"$ref": SCHEMAS + "CommentAnswer"}}}
    if html:
        content.update(_HTML)
    return {code: {"description": text, "content": content} for code, text in codes.items()}


def _page(codes: dict[str, str]) -> dict[str, Any]:
    return {code: {"description": text, "content": _HTML} for code, text in codes.items()}


_WITHDRAW_PARAMETERS = [
    PATH_ID,
    {"name": "token", "in": "query", "required": False, "schema": {"type": "string"}},
]

COMMENT_PATHS: dict[str, Any] = {
    "/comments": {
        "post": {
            "operationId": "submitComment",
            "summary": "Send a comment; it waits for moderation.",
            "requestBody": stamped_form_body("CommentForm"),
            "responses": _answers(
                {
                    "200": "Preview page (plain form without stamp, or a stale stamp).",
                    "201": "Stored as pending: JSON with id and withdraw_url, or the page "
                    "showing the withdraw link once and the way back to #kommentar-wartet.",
                    "400": "Malformed: not UTF-8, wrong content type.",
                    "403": "Origin or _next not allowed; or no SSO user (intranet).",
                    "404": "Unknown thread (or internal thread on the public backend).",
                    "409": "This stamp was used already.",
                    "410": "The thread is closed.",
                    "413": "Body too large.",
                    "422": "Invalid field: name, text, email, parent, links, stamp, pow.",
                    "429": "Rate limited.",
                    "503": "The database is not available.",
                }
            ),
        },
        "options": {
            "operationId": "commentPreflight",
            "summary": "CORS preflight for JSON posts.",
            "responses": {"204": {"description": "Allowed."}, "403": {"description": "No."}},
        },
    },
    "/comments/stamp": stamp_path("commentStamp"),
    "/comments/pow.js": {
        "get": {
            "operationId": "proofOfWorkScript",
            "summary": "The proof-of-work solver: facesProofOfWork(stamp) -> pow.",
            "responses": {
                "200": {
                    "description": "JavaScript.",
                    "content": {"text/javascript": {"schema": {"type": "string"}}},
                }
            },
        }
    },
    "/comments/withdraw/{id}": {
        "get": {
            "operationId": "withdrawCommentPage",
            "parameters": _WITHDRAW_PARAMETERS,
            "summary": "Asks to confirm; a GET never deletes (link previews).",
            "responses": _page({"200": "The confirm button."}),
        },
        "post": {
            "operationId": "withdrawComment",
            "parameters": _WITHDRAW_PARAMETERS,
            "summary": "Delete the comment (and replies to it) with its private token.",
            "responses": _answers(
                {
                    "200": "Deleted.",
                    "403": "Wrong or missing token: nothing deleted.",
                    "503": "The database is not available.",
                }
            ),
        },
    },
    "/comments/{id}/report": {
        "post": {
            "operationId": "reportComment",
            "summary": "Report an approved comment to the moderators; it stays visible.",
            "parameters": [PATH_ID],
            "requestBody": form_body(
                {
                    "reason": {
                        "enum": [
                            "spam",
                            "off_topic",
                            "insulting",
                            "personal_data",
                            "other",
                        ]
                    },
                    "_hp": {"type": "string"},
                    "_next": {"type": "string"},
                },
                required=False,
            ),
            "responses": _answers(
                {
                    "200": "Reported.",
                    "400": "Malformed body.",
                    "403": "Origin or _next not allowed.",
                    "404": "No such approved comment.",
                    "413": "Body too large.",
                    "422": "Unknown reason.",
                    "429": "Rate limited.",
                    "503": "The database is not available.",
                }
            ),
        }
    },
    "/comments/{thread}": {
        "get": {
            "operationId": "liveComments",
            "summary": "Approved comments of a thread, those approved after `since` if given.",
            "parameters": [
                {
                    "name": "thread",
                    "in": "path",
                    "required": True,
                    # A thread id (plugins/comments); "stamp" and "withdraw/…" are other routes.
                    "schema": {"type": "string", "pattern": _THREAD_PATTERN},
                },
                {"name": "since", "in": "query", "required": False, "schema": {"type": "string"}},
            ],
            "responses": {
                "200": json_answer(
                    "The comments (Cache-Control: a few seconds).",
                    {
                        "type": "object",
                        "required": ["thread", "comments"],
                        "properties": {
                            "thread": {"type": "string"},
                            "comments": {
                                "type": "array",
                                "items": {"$ref": SCHEMAS + "CommentRecord"},
                            },
                        },
                    },
                ),
                **_answers(
                    {"400": "since is not an ISO time.", "404": "Unknown thread."}, html=False
                ),
            },
        }
    },
    **MODERATION_PATHS,
}

COMMENT_SCHEMAS: dict[str, Any] = {
    "CommentForm": _FORM,
    "CommentAnswer": _ANSWER,
    "CommentRecord": _RECORD,
}

COMMENTS_API = ApiPart(paths={**COMMENT_PATHS, **subscription_paths()}, schemas=COMMENT_SCHEMAS)
