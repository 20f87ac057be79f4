"""The comment part of the running backend, and how its answers are rendered."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from faces_backend.answers import prefers_json
from faces_backend.backend import Backend, backend_of
from faces_backend.comments.config import CommentSettings
from faces_backend.comments.events import Notifier
from faces_backend.comments.messages import say
from faces_backend.comments.moderation_session import Sessions
from faces_backend.comments.pages import PAGE_HEADERS, message_body, page
from faces_backend.comments.threads import EMPTY, CommentManifest
from faces_backend.form_stamp import FormStamps
from faces_backend.forms import MalformedBody
from faces_backend.manifest_source import DocumentSource
from faces_backend.origins import normalize_origin

CODES: dict[str, int] = {
    "pending": 201,
    "preview": 200,
    "reported": 200,
    "withdrawn": 200,
    "malformed": 400,
    "origin_not_allowed": 403,
    "not_signed_in": 403,
    "wrong_token": 403,
    "unknown_thread": 404,
    "unknown_comment": 404,
    "replayed": 409,
    "closed": 410,
    "too_large": 413,
    "invalid": 422,
    "rate_limited": 429,
    "unavailable": 503,
}


@dataclass
class Comments:
    """Everything the comment handlers need, built once in the lifespan."""

    settings: CommentSettings
    threads: DocumentSource[CommentManifest] | None  # None: FACES_COMMENTS_MANIFEST unset
    stamps: FormStamps  # for script forms (with proof of work, if set)
    page_stamps: FormStamps  # for the no-script preview page (never proof of work)
    notifier: Notifier
    sessions: Sessions  # the moderation page's logins

    def manifest(self) -> CommentManifest:
        """Return the current thread manifest (empty while comments are off)."""
        return self.threads.current() if self.threads is not None else EMPTY


def same_origin(request: Request, backend: Backend) -> bool:
    """Return whether a post comes from a page of the backend itself (preview, moderation)."""
    origin = request.headers.get("origin", "").strip()
    if origin and origin != "null":
        scheme = "https" if backend.identity.is_https(request) else "http"
        own = normalize_origin(f"{scheme}://{request.headers.get('host', '')}")
        return own is not None and normalize_origin(origin) == own
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.strip().lower() == "same-origin"
    return backend.settings.allow_missing_origin


def comments_of(request: Request) -> tuple[Backend, Comments]:
    """Return the backend and its comment part for this request."""
    backend = backend_of(request)
    comments: Comments = request.app.state.comments
    return backend, comments


@dataclass(frozen=True)
class Outcome:
    """What to answer: a status word, the message and extra JSON fields."""

    status: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)
    back_url: str | None = None
    retry_after: int | None = None


def respond(request: Request, backend: Backend, outcome: Outcome) -> Response:
    """Render an outcome as JSON (script) or as a small page (plain form)."""
    headers = {"Cache-Control": "no-store", **backend.origins.cors_headers(request.headers)}
    if outcome.retry_after is not None:
        headers["Retry-After"] = str(outcome.retry_after)
    code = CODES[outcome.status]
    if prefers_json(request.headers.get("accept", "")):
        body = {"status": outcome.status, "message": outcome.message, **outcome.extra}
        return JSONResponse(body, status_code=code, headers=headers)
    language = backend.settings.language
    body_html = message_body(
        outcome.message,
        ok=code < 400,
        back_url=outcome.back_url,
        back=say(language, "back"),
    )
    document = page(
        say(language, "page_title"),
        body_html,
        language=language,
        stylesheets=backend.settings.stylesheets,
    )
    return HTMLResponse(document, status_code=code, headers={**headers, **PAGE_HEADERS})


def json_fields(body: bytes) -> list[tuple[str, str]]:
    """Decode a JSON object of strings (and booleans) into form fields."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise MalformedBody("the body is not valid UTF-8 JSON") from None
    if not isinstance(data, dict) or len(data) > 32:
        raise MalformedBody("expected a JSON object of at most 32 fields")
    fields: list[tuple[str, str]] = []
    for name, value in data.items():
        if isinstance(value, bool):
            value = "on" if value else ""
        if value is None:
            continue
        if not isinstance(value, str):
            raise MalformedBody(f"field {name!r}: expected a string")
        fields.append((name, value))
    return fields
