"""The editors' story queue /moderation/stories: accept for an editor or decline, no script.

Signed in by the same login as the comments' moderation page (the session cookie's path is
/moderation) or, on the intranet, by the SSO header of a listed moderator. Every post must
come from the page's own origin and carry the session's CSRF token. A decision answers with
the queue page itself (not a redirect), so the proposer's contact is shown this once.
"""

from __future__ import annotations

from functools import partial

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from faces_backend.http.moderation_forms import (
    backend_root,
    is_forged,
    moderation_response,
    posted_fields,
)
from faces_backend.http.moderation_session import COOKIE, Moderator
from faces_backend.http.settings import Language
from faces_backend.store import UNAVAILABLE
from faces_backend.stories.cli_messages import say
from faces_backend.stories.decisions import (
    DecisionError,
    accept,
    check_editor,
    check_reason,
    decline,
)
from faces_backend.stories.moderation_page import queue_body, sign_in_body, word
from faces_backend.stories.state import Stories, stories_of
from faces_backend.stories.store import Story, stories_with

PATH = "/moderation/stories"
# The login form lives on the comments' moderation page; its session is valid here too.
LOGIN_PATH = "/moderation/comments"
FORM_MAX_BODY = 16 * 1024


def moderation_routes() -> list[BaseRoute]:
    """Return the story queue page's routes."""
    return [
        Route(PATH, queue_page, methods=["GET"]),
        Route(PATH + "/{id}", decide_story, methods=["POST"]),
    ]


async def queue_page(request: Request) -> Response:
    """Show the queue to a signed-in moderator, else the way to the login."""
    stories = stories_of(request)
    moderator = _who(request, stories)
    if moderator is None:
        return _sign_in(request, stories, 200)
    return _queue(request, stories, moderator, [], 200)


async def decide_story(request: Request) -> Response:
    """Accept or decline one proposal and show the outcome (with the contact) above the queue."""
    stories = stories_of(request)
    language = stories.services.settings.language
    moderator = _who(request, stories)
    if moderator is None:
        return _sign_in(request, stories, 403)
    fields = await posted_fields(request, FORM_MAX_BODY)
    if fields is None or is_forged(request, stories.services, fields, moderator):
        return _queue(request, stories, moderator, [(word(language, "problem.csrf"), False)], 403)
    story_id = request.path_params["id"]
    try:
        if fields.get("action") == "accept":
            editor = fields.get("editor", "")
            check_editor(editor, stories.profiles())
            story = await stories.services.store.write(
                partial(accept, story_id=story_id, editor=editor)
            )
            done = say(language, "accepted", id=story_id, editor=editor)
        elif fields.get("action") == "decline":
            reason = check_reason(fields.get("reason", ""))
            story = await stories.services.store.write(
                partial(decline, story_id=story_id, reason=reason)
            )
            done = say(language, "declined", id=story_id)
        else:
            notes = [(word(language, "problem.action"), False)]
            return _queue(request, stories, moderator, notes, 422)
    except DecisionError as error:
        notes = [(say(language, error.key, **error.values), False)]
        return _queue(request, stories, moderator, notes, 422)
    except UNAVAILABLE:
        return _queue(
            request, stories, moderator, [(word(language, "problem.database"), False)], 503
        )
    return _queue(request, stories, moderator, [(done, True), (_tell(story, language), True)], 200)


def _tell(story: Story, language: Language) -> str:
    if story.contact:
        return say(language, "tell", contact=story.contact)
    return say(language, "no_contact")


def _who(request: Request, stories: Stories) -> Moderator | None:
    settings = stories.services.settings
    if settings.voter_mode == "header":
        user = request.headers.get(settings.voter_header, "").strip()
        by_sso = stories.sessions.from_sso(user, set()) if user else None
        if by_sso is not None and by_sso.can_decide:
            return by_sso
    return stories.sessions.from_cookie(request.cookies.get(COOKIE, ""))


def _sign_in(request: Request, stories: Stories, status: int) -> Response:
    language = stories.services.settings.language
    return _html(stories, sign_in_body(language, backend_root(request) + LOGIN_PATH), status)


def _queue(
    request: Request,
    stories: Stories,
    moderator: Moderator,
    notes: list[tuple[str, bool]],
    status: int,
) -> Response:
    language = stories.services.settings.language
    body = queue_body(
        language,
        stories_with(stories.services.store.reader, "pending"),
        stories.profiles(),
        action=backend_root(request) + PATH,
        csrf=moderator.csrf,
        notes=notes,
    )
    return _html(stories, body, status)


def _html(stories: Stories, body: str, status: int) -> Response:
    services = stories.services
    return moderation_response(services, word(services.settings.language, "title"), body, status)
