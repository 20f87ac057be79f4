"""The views' part of the OpenAPI document: POST /views and GET /views.gif."""

from __future__ import annotations

from typing import Any

from faces_backend.http.openapi import SCHEMAS, ApiPart, json_answer
from faces_backend.views.endpoints import STATUS_CODES

# What the Reach-Status header says: the view counter's own words, in its order.
_VIEW_WORDS = list(STATUS_CODES)
_VIEW_REFUSALS = {
    "400": "malformed: p missing, repeated or not a page path; or a body that is not empty.",
    "403": "origin_not_allowed: an Origin header that is not the blog's.",
    "404": "unknown_path: p is not a page of the reach manifest.",
    "413": "too_large: a body over 1 KiB (POST only).",
    "414": "query_too_long: a query string over 1 KiB.",
    "429": "rate_limited: this reader's per-minute budget is spent; see Retry-After.",
    "503": "unavailable: the database that keeps the shared window is away; see Retry-After.",
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
        code: {**json_answer(text, {"$ref": SCHEMAS + "ViewRefusal"}), "headers": _REACH_STATUS}
        for code, text in codes.items()
    }


_VIEW_SUMMARY = (
    "Accepted as a success: counted, or not counted for a reason the Reach-Status header names "
    "(Do Not Track, Global Privacy Control, a bot, a HEAD request, the same reader within the "
    "window, or no reach manifest configured)."
)

VIEWS_API = ApiPart(
    paths={
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
    },
    schemas={
        "ViewRefusal": {
            "type": "object",
            "required": ["status"],
            "properties": {"status": {"enum": _VIEW_WORDS}},
        },
    },
)
