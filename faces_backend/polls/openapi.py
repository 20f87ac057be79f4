"""The polls' part of the OpenAPI document: POST /vote, its preflight, results and suggestions."""

from __future__ import annotations

from typing import Any

from faces_backend.http.openapi import HONEYPOT, ID, SCHEMAS, ApiPart, json_answer

_STATUS_WORDS = [
    "counted",
    "suggestion_queued",
    "malformed",
    "origin_not_allowed",
    "not_signed_in",
    "unknown_poll",
    "already_voted",
    "closed",
    "too_large",
    "invalid",
    "rate_limited",
    "address_limit",
    "unavailable",
]

_VOTE_FORM: dict[str, Any] = {
    "type": "object",
    "required": ["poll"],
    "properties": {
        "poll": {**ID, "description": "Poll id from the manifest."},
        "choice": {
            "description": "Option id; repeated for multiple choice (at most the poll's max).",
            "oneOf": [ID, {"type": "array", "items": ID}],
        },
        "suggestion": {
            "type": "string",
            "maxLength": 500,
            "description": "Optional idea; only if the poll accepts suggestions. Moderated.",
        },
        "_next": {
            "type": "string",
            "maxLength": 2048,
            "description": "Where the answer page links back to (form posts): an http(s) URL on "
            "an allowed origin, or a path on the backend's own origin such as /2026/post/.",
        },
        "_hp": HONEYPOT,
        "_sid": {
            "type": "string",
            "pattern": "^[A-Za-z0-9_-]{8,64}$",
            "description": "Client-generated id: a retried post with this _sid counts once.",
        },
    },
    "additionalProperties": False,
    "description": "Other fields starting with '_' are ignored; any other field is a 422.",
}

_RESULTS: dict[str, Any] = {
    "type": "object",
    "required": ["total", "options", "closed"],
    "properties": {
        "total": {"type": "integer", "minimum": 0, "description": "Ballots cast."},
        "options": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "label", "votes"],
                "properties": {
                    "id": ID,
                    "label": {"type": "string"},
                    "votes": {"type": "integer", "minimum": 0},
                },
            },
        },
        "closed": {"type": "boolean"},
    },
}

_VOTE_ANSWER: dict[str, Any] = {
    "type": "object",
    "required": ["status", "poll", "message", "results"],
    "properties": {
        "status": {"type": "string", "enum": _STATUS_WORDS},
        "poll": {"type": ["string", "null"]},
        "message": {
            "type": "string",
            "description": "Text for the reader, in FACES_LANGUAGE (de or en).",
        },
        "results": {"oneOf": [{"$ref": SCHEMAS + "Results"}, {"type": "null"}]},
        "duplicate_retry": {"type": "boolean", "const": True, "description": "Only on retries."},
        "field": {"type": "string", "description": "422 only: the field at fault."},
        "error": {
            "type": "string",
            "description": "422 only: unknown_field, repeated, too_long, invalid, missing, "
            "duplicate, unknown_option, too_many, not_accepted.",
        },
        "retry_after": {"type": "integer", "description": "429 only: seconds to wait."},
        "limit": {
            "type": "integer",
            "description": "address_limit only: the ballots allowed per poll, address and day.",
        },
        "suggestion_stored": {
            "type": "boolean",
            "const": False,
            "description": "Only on a retry whose suggestion the first request did not store.",
        },
    },
}

_VOTE_RESPONSES: dict[str, str] = {
    "201": "Counted (also a retry with the same _sid: duplicate_retry true).",
    "202": "Suggestion queued for moderation (a post with a suggestion and no choice).",
    "400": "Malformed: undecodable body, wrong content type, or no poll field.",
    "403": "Origin (or _next) not on an allowed origin; or, in header mode, no SSO user.",
    "404": "Unknown poll.",
    "409": "This voter (cookie or SSO user, never the address alone) already voted in this poll.",
    "410": "The poll is closed.",
    "413": "Body larger than FACES_MAX_BODY, or more than 32 fields.",
    "422": "Invalid field: unknown field or option, too many choices, too long, not accepted.",
    "429": "rate_limited (see Retry-After), or address_limit: FACES_IP_LIMIT ballots from "
    "this address in this poll today.",
    "503": "The database is not available.",
}


def _vote_response(description: str, code: str) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if code == "429":
        headers["Retry-After"] = {"schema": {"type": "integer"}, "description": "Seconds."}
    if code in ("201", "202"):
        headers["Set-Cookie"] = {
            "schema": {"type": "string"},
            "description": "faces_voter cookie (public mode, first vote only).",
        }
    response: dict[str, Any] = {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": SCHEMAS + "VoteAnswer"}},
            "text/html": {
                "schema": {
                    "type": "string",
                    "description": "Answer page for a plain form post: the message, the "
                    "poll's results when this reader may see them, a link back to _next.",
                }
            },
        },
    }
    if headers:
        response["headers"] = headers
    return response


def _poll_get(operation_id: str, summary: str, answer: dict[str, Any]) -> dict[str, Any]:
    """A GET of one poll by its id: `answer` when the poll is known, else UnknownPoll."""
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [{"name": "poll", "in": "path", "required": True, "schema": ID}],
            "responses": {"200": answer, "404": {"$ref": "#/components/responses/UnknownPoll"}},
        }
    }


POLLS_API = ApiPart(
    paths={
        "/vote": {
            "post": {
                "operationId": "vote",
                "summary": "Cast a vote and/or suggest an idea.",
                "description": "Answers JSON when Accept prefers application/json; otherwise "
                "an HTML answer page with the same status code. Referer is never needed.",
                "parameters": [
                    {
                        "name": "Accept",
                        "in": "header",
                        "schema": {"type": "string"},
                        "description": "application/json for JSON answers.",
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-www-form-urlencoded": {
                            "schema": {"$ref": SCHEMAS + "VoteForm"},
                            "encoding": {"choice": {"explode": True}},
                        },
                        "multipart/form-data": {"schema": {"$ref": SCHEMAS + "VoteForm"}},
                    },
                },
                "responses": {
                    **{code: _vote_response(text, code) for code, text in _VOTE_RESPONSES.items()},
                },
            },
            "options": {
                "operationId": "votePreflight",
                "summary": "CORS preflight; the allowed Origin is echoed, never a wildcard.",
                "responses": {
                    "204": {"description": "Origin allowed."},
                    "403": {"description": "Origin not allowed (no CORS headers)."},
                },
            },
        },
        "/polls/{poll}/results": _poll_get(
            "pollResults",
            "Results, if the poll's results mode lets this reader see them.",
            json_answer(
                "results is null and reason names the mode when hidden.",
                {
                    "type": "object",
                    "required": ["poll", "results", "reason"],
                    "properties": {
                        "poll": ID,
                        "results": {"oneOf": [{"$ref": SCHEMAS + "Results"}, {"type": "null"}]},
                        "reason": {"enum": ["after_vote", "after_close", None]},
                    },
                },
            ),
        ),
        "/polls/{poll}/suggestions": _poll_get(
            "pollSuggestions",
            "Approved suggestions of a poll (pending and rejected are never shown).",
            json_answer(
                "Approved suggestions, oldest first.",
                {
                    "type": "object",
                    "properties": {
                        "poll": ID,
                        "suggestions": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "id": {"type": "integer"},
                                    "text": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            ),
        ),
    },
    schemas={"VoteForm": _VOTE_FORM, "VoteAnswer": _VOTE_ANSWER, "Results": _RESULTS},
    responses={
        "UnknownPoll": json_answer(
            "No poll with this id in the manifest.", {"$ref": SCHEMAS + "VoteAnswer"}
        )
    },
)
