"""How the story endpoint answers: a status word and message, as JSON or a small page."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from faces_backend.http.accept import prefers_json
from faces_backend.http.pages import PAGE_HEADERS, back_link, note, page
from faces_backend.http.services import Services
from faces_backend.stories.messages import say

CODES: dict[str, int] = {
    "received": 201,
    "malformed": 400,
    "origin_not_allowed": 403,
    "not_signed_in": 403,
    "replayed": 409,
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
    if prefers_json(request.headers.get("accept", "")):
        body = {"status": outcome.status, "message": outcome.message, **outcome.extra}
        return JSONResponse(body, status_code=code, headers=headers)
    language = services.settings.language
    body_html = note(outcome.message, ok=code < 400)
    if outcome.status == "invalid":
        # A link would open an empty form: the browser's back button keeps what was typed.
        body_html += f"<p>{html.escape(say(language, 'edit_hint'))}</p>\n"
    else:
        body_html += back_link(outcome.back_url, say(language, "back"))
    document = page(
        say(language, "page_title"),
        body_html,
        language=language,
        stylesheets=services.settings.stylesheets,
    )
    return HTMLResponse(document, status_code=code, headers={**headers, **PAGE_HEADERS})
