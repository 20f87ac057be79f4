"""The moderation page's routes in the backend's OpenAPI document."""

from __future__ import annotations

from typing import Any

from faces_backend.http.openapi import PATH_ID, form_body

_HTML = {"text/html": {"schema": {"type": "string"}}}


def _page(codes: dict[str, str]) -> dict[str, Any]:
    return {code: {"description": text, "content": _HTML} for code, text in codes.items()}


MODERATION_PATHS: dict[str, Any] = {
    "/moderation/comments": {
        "get": {
            "operationId": "moderationPage",
            "summary": "The moderation queue (signed in) or the login form.",
            "responses": _page({"200": "The page."}),
        }
    },
    "/moderation/comments/login": {
        "post": {
            "operationId": "moderationLogin",
            "summary": "Sign in with FACES_MODERATION_TOKEN (same origin only).",
            "requestBody": form_body({"token": {"type": "string"}}),
            "responses": {
                "303": {"description": "Signed in: back to the queue, session cookie set."},
                **_page({"403": "Wrong token or origin.", "429": "Too many attempts."}),
            },
        }
    },
    "/moderation/comments/{id}": {
        "post": {
            "operationId": "moderationAction",
            "summary": "Approve, reject (with reason) or reply; needs the session's CSRF token.",
            "parameters": [PATH_ID],
            "requestBody": form_body(
                {
                    "csrf": {"type": "string"},
                    "action": {"enum": ["approve", "reject", "reply"]},
                    "reason": {"type": "string"},
                    "profile": {"type": "string"},
                    "text": {"type": "string"},
                }
            ),
            "responses": {
                "303": {"description": "Done: back to the queue."},
                **_page(
                    {
                        "403": "Not signed in, wrong CSRF token or origin, or not allowed.",
                        "422": "Unknown action, reason, comment or profile.",
                        "503": "The database is not available.",
                    }
                ),
            },
        }
    },
}
