"""How the comment endpoints answer: the status codes of their words, and the small page."""

from __future__ import annotations

from dataclasses import replace

from faces_common.voice import spell_for
from starlette.requests import Request
from starlette.responses import Response

from faces_backend.comments.messages import say
from faces_backend.comments.pages import message_body
from faces_backend.http.answers import FORM_CODES, AnswerPage, Outcome, answer
from faces_backend.http.services import Services
from faces_backend.http.setting_values import lang_of

__all__ = ["CODES", "Outcome", "respond"]

CODES: dict[str, int] = {
    **FORM_CODES,
    "pending": 201,
    "preview": 200,
    "reported": 200,
    "withdrawn": 200,
    "wrong_token": 403,
    "unknown_thread": 404,
    "unknown_comment": 404,
    "closed": 410,
}


def respond(request: Request, services: Services, outcome: Outcome) -> Response:
    """Render an outcome as JSON (script) or as a small page (plain form)."""
    code = CODES[outcome.status]
    # Written once in German spelling; Swiss readers read ss and «» (faces_common.voice).
    spelled = replace(outcome, message=spell_for(services.settings.locale, outcome.message))
    voice = services.settings.voice
    body = message_body(
        spelled.message, ok=code < 400, back_url=outcome.back_url, back=say(voice, "back")
    )
    plain_page = AnswerPage(say(voice, "page_title"), body, lang_of(voice))
    return answer(request, services, spelled, code=code, plain_page=plain_page)
