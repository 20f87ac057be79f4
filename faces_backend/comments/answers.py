"""How the comment endpoints answer: a status word and message, as JSON or a small page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from faces_common.voice import spell_for
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from faces_backend.comments.messages import say
from faces_backend.comments.pages import PAGE_HEADERS, message_body, page
from faces_backend.http.accept import prefers_json
from faces_backend.http.services import Services
from faces_backend.http.setting_values import lang_of

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


@dataclass(frozen=True)
class Outcome:
    """What to answer: a status word, the message and extra JSON fields."""

    status: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)
    back_url: str | None = None
    retry_after: int | None = None


def respond(request: Request, services: Services, outcome: Outcome) -> Response:
    """Render an outcome as JSON (script) or as a small page (plain form)."""
    headers = {"Cache-Control": "no-store", **services.origins.cors_headers(request.headers)}
    if outcome.retry_after is not None:
        headers["Retry-After"] = str(outcome.retry_after)
    code = CODES[outcome.status]
    # Written once in German spelling; Swiss readers read ss and «» (faces_common.voice).
    message = spell_for(services.settings.locale, outcome.message)
    if prefers_json(request.headers.get("accept", "")):
        body = {"status": outcome.status, "message": message, **outcome.extra}
        return JSONResponse(body, status_code=code, headers=headers)
    voice = services.settings.voice
    body_html = message_body(
        message,
        ok=code < 400,
        back_url=outcome.back_url,
        back=say(voice, "back"),
    )
    document = page(
        say(voice, "page_title"),
        body_html,
        language=lang_of(voice),
        stylesheets=services.settings.stylesheets,
    )
    return HTMLResponse(document, status_code=code, headers={**headers, **PAGE_HEADERS})
