"""Taking a stamped form's post (a comment, a story): screen it, decide it, answer it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from starlette.requests import Request
from starlette.responses import Response

from faces_backend.http.answers import Outcome
from faces_backend.http.gate import Screened, screen_form
from faces_backend.http.services import Services
from faces_backend.store import UNAVAILABLE

log = logging.getLogger("faces_backend")
# A stamped form is text only: a comment's 5,000 or a proposal's 4,000 characters of
# percent-encoded UTF-8 stay far below this.
STAMPED_FORM_MAX_BODY = 96 * 1024

Decide = Callable[[Screened], Awaitable[Outcome | Response]]
Respond = Callable[[Request, Services, Outcome], Response]


async def take_stamped_post(
    request: Request,
    services: Services,
    decide: Decide,
    respond: Respond,
    unavailable: Outcome,
) -> Response:
    """Screen the post and answer the feature's decision; `unavailable` if the database fails.

    An outcome without a way back of its own leads back to the posted `_next` (when allowed).
    """
    screened: Screened | None = None
    try:
        # The check page's confirm button posts from the backend's own origin.
        screened = await screen_form(
            request, services, max_body=STAMPED_FORM_MAX_BODY, accept_json=True, own_pages=True
        )
        decided = await decide(screened)
    except UNAVAILABLE:
        log.exception(
            "faces_backend: the database failed while storing a post to %s", request.url.path
        )
        decided = unavailable
    if isinstance(decided, Response):
        return decided
    if decided.back_url is None and screened is not None and screened.next_url:
        decided = replace(decided, back_url=screened.next_url)
    return respond(request, services, decided)
