"""How the story endpoint answers: the status codes of its words, and the small page."""

from __future__ import annotations

import html

from starlette.requests import Request
from starlette.responses import Response

from faces_backend.http.answers import FORM_CODES, AnswerPage, Outcome, answer
from faces_backend.http.pages import back_link, note
from faces_backend.http.services import Services
from faces_backend.stories.messages import say

__all__ = ["CODES", "Outcome", "respond"]

CODES: dict[str, int] = {**FORM_CODES, "received": 201}


def respond(request: Request, services: Services, outcome: Outcome) -> Response:
    """Render an outcome as JSON (script) or as a small page (plain form)."""
    code = CODES[outcome.status]
    language = services.settings.language
    body = note(outcome.message, ok=code < 400)
    if outcome.status == "invalid":
        # A link would open an empty form: the browser's back button keeps what was typed.
        body += f"<p>{html.escape(say(language, 'edit_hint'))}</p>\n"
    else:
        body += back_link(outcome.back_url, say(language, "back"))
    plain_page = AnswerPage(say(language, "page_title"), body, language)
    return answer(request, services, outcome, code=code, plain_page=plain_page)
