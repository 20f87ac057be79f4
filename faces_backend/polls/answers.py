"""Turning the outcome of a vote post into the answer: JSON, or the answer page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from faces_common.voice import spell_for
from starlette.responses import HTMLResponse, JSONResponse, Response

from faces_backend.http.setting_values import Voice
from faces_backend.polls.answer_page import PAGE_HEADERS, answer_page

STATUS_CODES: dict[str, int] = {
    "counted": 201,
    "suggestion_queued": 202,
    "malformed": 400,
    "origin_not_allowed": 403,
    "not_signed_in": 403,
    "unknown_poll": 404,
    "already_voted": 409,
    "closed": 410,
    "too_large": 413,
    "invalid": 422,
    "rate_limited": 429,
    "address_limit": 429,
    "unavailable": 503,
}

NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True)
class Answer:
    """What to tell the reader: a status word, the poll, a message, maybe results."""

    status: str
    poll: str | None
    message: str
    results: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    retry_after: int | None = None
    back_url: str | None = None  # where the answer page links back to
    question: str | None = None  # the poll's question, the answer page's heading
    hidden_by: str | None = None  # the results mode that hides `results` from this reader

    @property
    def code(self) -> int:
        """Return the HTTP status code of the status word."""
        return STATUS_CODES[self.status]

    def body(self) -> dict[str, Any]:
        """Return the JSON body."""
        return {
            "status": self.status,
            "poll": self.poll,
            "message": self.message,
            "results": self.results,
            **self.extra,
        }


def render(
    answer: Answer,
    *,
    want_json: bool,
    headers: dict[str, str],
    voice: Voice,
    locale: str,
    stylesheets: Sequence[str],
) -> Response:
    """Return the HTTP response for an answer: JSON for scripts, else the answer page."""
    headers = {**NO_STORE, **headers}
    # Written once in German spelling; Swiss readers read ss and «» (faces_common.voice).
    answer = replace(answer, message=spell_for(locale, answer.message))
    if answer.retry_after is not None:
        headers["Retry-After"] = str(answer.retry_after)
    if want_json:
        return JSONResponse(answer.body(), status_code=answer.code, headers=headers)
    body = answer_page(answer, voice=voice, locale=locale, stylesheets=stylesheets)
    return HTMLResponse(body, status_code=answer.code, headers={**headers, **PAGE_HEADERS})
