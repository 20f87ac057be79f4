"""OpenAPI 3.1 path items of the opt-in links, for the backend's document to merge in."""

from __future__ import annotations

from typing import Any

from faces_backend.comments.notify.mail import CONFIRM_PATH, STOP_PATH
from faces_backend.http.openapi import form_body

_TOKEN_PARAMETER = {
    "name": "token",
    "in": "query",
    "required": True,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{20,128}$"},
    "description": "The random token from the mail; the backend keeps only its SHA-256.",
}
_PAGE = {"text/html": {"schema": {"type": "string"}}}


def _page(description: str) -> dict[str, Any]:
    return {"description": description, "content": _PAGE}


_STOP_RESPONSES = {
    "200": _page("The address is deleted; no more mail about this comment."),
    "400": _page("The token is missing or not a token (e.g. a link cut short)."),
    "404": _page("No address is stored for this token (already deleted or never stored)."),
    "503": _page("The database is unavailable; nothing changed."),
}


def subscription_paths() -> dict[str, Any]:
    """Return the `paths` entries of the confirm and stop links (relative to the server URL)."""
    return {
        CONFIRM_PATH: {
            "get": {
                "operationId": "confirmReplyMail",
                "summary": "Confirm a commenter's opt-in for one mail when an author replies.",
                "description": "The link of the double opt-in mail. Answers a short HTML page.",
                "parameters": [_TOKEN_PARAMETER],
                "responses": {
                    "200": _page("Confirmed: one mail will go out when an author replies."),
                    "400": _STOP_RESPONSES["400"],
                    "404": _STOP_RESPONSES["404"],
                    "409": _page("Already confirmed earlier (the link was opened again)."),
                    "503": _STOP_RESPONSES["503"],
                },
            }
        },
        STOP_PATH: {
            "get": {
                "operationId": "stopReplyMail",
                "summary": "Unsubscribe: delete the address stored for this token.",
                "parameters": [_TOKEN_PARAMETER],
                "responses": _STOP_RESPONSES,
            },
            "post": {
                "operationId": "stopReplyMailOneClick",
                "summary": "One-click unsubscribe (RFC 8058) as sent by mail programs.",
                "parameters": [_TOKEN_PARAMETER],
                "requestBody": form_body(
                    {"List-Unsubscribe": {"const": "One-Click"}}, required=False
                ),
                "responses": _STOP_RESPONSES,
            },
        },
    }
