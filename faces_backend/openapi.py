"""The OpenAPI 3.1 document of the backend, written by hand to match docs/polls-hook.md and
docs/reach.md."""

from __future__ import annotations

import copy
from typing import Any

from faces_backend.comments.openapi_paths import COMMENT_PATHS, COMMENT_SCHEMAS

_ID = {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}
_REF = "#/components/schemas/"
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
        "poll": {**_ID, "description": "Poll id from the manifest."},
        "choice": {
            "description": "Option id; repeated for multiple choice (at most the poll's max).",
            "oneOf": [_ID, {"type": "array", "items": _ID}],
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
        "_hp": {"type": "string", "description": "Honeypot: must be empty."},
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
                    "id": _ID,
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
        "results": {"oneOf": [{"$ref": _REF + "Results"}, {"type": "null"}]},
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
            "application/json": {"schema": {"$ref": _REF + "VoteAnswer"}},
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


# The view counter (views.py): what the Reach-Status header says, and the refusals' codes.
_VIEW_WORDS = [
    "counted",
    "disabled",
    "do_not_track",
    "global_privacy_control",
    "bot",
    "head_request",
    "repeat",
    "malformed",
    "origin_not_allowed",
    "unknown_path",
    "too_large",
    "query_too_long",
    "rate_limited",
]
_VIEW_REFUSALS = {
    "400": "malformed: p missing, repeated or not a page path; or a body that is not empty.",
    "403": "origin_not_allowed: an Origin header that is not the blog's.",
    "404": "unknown_path: p is not a page of the reach manifest.",
    "413": "too_large: a body over 1 KiB (POST only).",
    "414": "query_too_long: a query string over 1 KiB.",
    "429": "rate_limited: this reader's per-minute budget is spent; see Retry-After.",
}
_REACH_STATUS = {
    "Reach-Status": {
        "description": "What became of the view: counted, or why not.",
        "schema": {"enum": _VIEW_WORDS},
    }
}
_PAGE_PARAMETER = {
    "name": "p",
    "in": "query",
    "required": True,
    "schema": {"type": "string", "pattern": "^/", "maxLength": 1000},
    "description": "The page's path on the site, as in the reach manifest (e.g. /2026/kantine/).",
}


def _view_refusals(codes: dict[str, str]) -> dict[str, Any]:
    return {
        code: {
            "description": text,
            "headers": _REACH_STATUS,
            "content": {"application/json": {"schema": {"$ref": _REF + "ViewRefusal"}}},
        }
        for code, text in codes.items()
    }


_VIEW_SUMMARY = (
    "Accepted as a success: counted, or not counted for a reason the Reach-Status header names "
    "(Do Not Track, Global Privacy Control, a bot, a HEAD request, the same reader within the "
    "window, or no reach manifest configured)."
)

_DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Faces poll hook and view counter",
        "version": "1",
        "description": "Readers' votes and suggestions for idea polls embedded in blog posts "
        "(docs/polls-hook.md), and privacy-friendly page views (docs/reach.md).",
    },
    "paths": {
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
                            "schema": {"$ref": _REF + "VoteForm"},
                            "encoding": {"choice": {"explode": True}},
                        },
                        "multipart/form-data": {"schema": {"$ref": _REF + "VoteForm"}},
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
        "/polls/{poll}/results": {
            "get": {
                "operationId": "pollResults",
                "summary": "Results, if the poll's results mode lets this reader see them.",
                "parameters": [{"name": "poll", "in": "path", "required": True, "schema": _ID}],
                "responses": {
                    "200": {
                        "description": "results is null and reason names the mode when hidden.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["poll", "results", "reason"],
                                    "properties": {
                                        "poll": _ID,
                                        "results": {
                                            "oneOf": [
                                                {"$ref": _REF + "Results"},
                                                {"type": "null"},
                                            ]
                                        },
                                        "reason": {
                                            "enum": ["after_vote", "after_close", None],
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "404": {"$ref": "#/components/responses/UnknownPoll"},
                },
            }
        },
        "/polls/{poll}/suggestions": {
            "get": {
                "operationId": "pollSuggestions",
                "summary": "Approved suggestions of a poll (pending and rejected are never shown).",
                "parameters": [{"name": "poll", "in": "path", "required": True, "schema": _ID}],
                "responses": {
                    "200": {
                        "description": "Approved suggestions, oldest first.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "poll": _ID,
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
                                }
                            }
                        },
                    },
                    "404": {"$ref": "#/components/responses/UnknownPoll"},
                },
            }
        },
        "/views": {
            "post": {
                "operationId": "countView",
                "summary": "A page view reported by the page's script; no body, no cookie.",
                "parameters": [_PAGE_PARAMETER],
                "responses": {
                    "204": {"description": _VIEW_SUMMARY, "headers": _REACH_STATUS},
                    **_view_refusals(_VIEW_REFUSALS),
                },
            }
        },
        "/views.gif": {
            "get": {
                "operationId": "countViewPixel",
                "summary": "A page view reported by the <noscript> image; answers a 1x1 GIF.",
                "parameters": [_PAGE_PARAMETER],
                "responses": {
                    "200": {
                        "description": _VIEW_SUMMARY,
                        "headers": _REACH_STATUS,
                        "content": {"image/gif": {"schema": {"type": "string"}}},
                    },
                    **_view_refusals({k: v for k, v in _VIEW_REFUSALS.items() if k != "413"}),
                },
            }
        },
        "/health": {
            "get": {
                "operationId": "health",
                "summary": "Liveness: manifest loaded and database answering.",
                "responses": {
                    "200": {
                        "description": "Healthy.",
                        "content": {"application/json": {"schema": {"$ref": _REF + "Health"}}},
                    },
                    "503": {
                        "description": "The database does not answer.",
                        "content": {"application/json": {"schema": {"$ref": _REF + "Health"}}},
                    },
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
    "components": {
        "schemas": {
            "VoteForm": _VOTE_FORM,
            "VoteAnswer": _VOTE_ANSWER,
            "Results": _RESULTS,
            "ViewRefusal": {
                "type": "object",
                "required": ["status"],
                "properties": {"status": {"enum": _VIEW_WORDS}},
            },
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
        "responses": {
            "UnknownPoll": {
                "description": "No poll with this id in the manifest.",
                "content": {"application/json": {"schema": {"$ref": _REF + "VoteAnswer"}}},
            }
        },
    },
}


# Comments (issue 15): their paths and schemas live with the feature.
_DOCUMENT["paths"].update(COMMENT_PATHS)
_DOCUMENT["components"]["schemas"].update(COMMENT_SCHEMAS)


def openapi_document(root_path: str = "") -> dict[str, Any]:
    """Return the OpenAPI document, with the mount point (e.g. /api) as its server URL."""
    document = copy.deepcopy(_DOCUMENT)
    document["servers"] = [{"url": root_path or "/"}]
    return document
