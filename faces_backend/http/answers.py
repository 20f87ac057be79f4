"""How a form endpoint answers: a status word and message, as JSON or as a small page.

A script (Accept: application/json) gets the status word, the message and the extra fields;
a plain form gets a whole page. Both carry the CORS headers and Retry-After where given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from faces_backend.http.accept import prefers_json
from faces_backend.http.pages import PAGE_HEADERS, page
from faces_backend.http.services import Services
from faces_backend.http.settings import Language

# The status words every stamped form answers alike: the gate's refusals (http/gate.py), a
# field at fault, a stamp used twice, the database away. Each feature adds its own words.
FORM_CODES: dict[str, int] = {
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


@dataclass(frozen=True)
class AnswerPage:
    """The page a plain form gets: its title, its body (escaped HTML) and its language."""

    title: str
    body: str
    language: Language


def answer(
    request: Request, services: Services, outcome: Outcome, *, code: int, plain_page: AnswerPage
) -> Response:
    """Answer with JSON when the script asks for it, else with `plain_page`."""
    headers = {"Cache-Control": "no-store", **services.origins.cors_headers(request.headers)}
    if outcome.retry_after is not None:
        headers["Retry-After"] = str(outcome.retry_after)
    if prefers_json(request.headers.get("accept", "")):
        body = {"status": outcome.status, "message": outcome.message, **outcome.extra}
        return JSONResponse(body, status_code=code, headers=headers)
    document = page(
        plain_page.title,
        plain_page.body,
        language=plain_page.language,
        stylesheets=services.settings.stylesheets,
    )
    return HTMLResponse(document, status_code=code, headers={**headers, **PAGE_HEADERS})
