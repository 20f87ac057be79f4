"""The moderation page /moderation/comments: the queue, decisions and authors' replies.

Server-rendered, no script. Signed in by the token login (a session cookie, SameSite
Strict) or, on the intranet, by the SSO header. Every post must come from the page's own
origin and carry the session's CSRF token; a decision is a writer job, then 303 back.
"""

from __future__ import annotations

import html
from functools import partial

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from faces_backend.comments.config import MODERATION_PATH
from faces_backend.comments.moderate import ModerationError, approve, reject, reply, tell
from faces_backend.comments.moderation_page import QueueItem, login_body, queue_body, word
from faces_backend.comments.state import Comments, comments_of
from faces_backend.comments.store import (
    REASONS,
    get_comment,
    moderation_queue,
    report_reasons,
)
from faces_backend.http.gate import from_own_page
from faces_backend.http.moderation_forms import (
    backend_root,
    is_forged,
    moderation_response,
    posted_fields,
)
from faces_backend.http.moderation_session import (
    COOKIE,
    COOKIE_PATH,
    SESSION_SECONDS,
    Moderator,
)
from faces_backend.http.services import Services
from faces_backend.store import UNAVAILABLE

PATH = MODERATION_PATH
FORM_MAX_BODY = 64 * 1024


def moderation_routes() -> list[BaseRoute]:
    """Return the moderation page's routes."""
    return [
        Route(PATH, moderation_page, methods=["GET"]),
        Route(f"{PATH}/login", moderation_login, methods=["POST"]),
        Route(PATH + "/{id}", moderation_action, methods=["POST"]),
    ]


async def moderation_page(request: Request) -> Response:
    """Show the queue to a signed-in moderator or author, else the login form."""
    comments, moderator = _signed_in(request)
    if moderator is None:
        return _login_page(request, comments.services, "", 200)
    return _queue_page(request, comments.services, comments, moderator, "", 200)


async def moderation_login(request: Request) -> Response:
    """Check the moderation token and start a session."""
    comments = comments_of(request)
    services = comments.services
    language = services.settings.language
    fields = await posted_fields(request, FORM_MAX_BODY)
    if fields is None or not from_own_page(request, services):
        return _login_page(request, services, word(language, "wrong_token"), 403)
    client = await services.identity.identify(request, issue_cookie=False)
    if services.limiter.hit(client.client_key) is not None:
        return _login_page(request, services, word(language, "wrong_token"), 429)
    if not comments.sessions.token_matches(fields.get("token", "")):
        return _login_page(request, services, word(language, "wrong_token"), 403)
    response = RedirectResponse(backend_root(request) + PATH, status_code=303)
    response.set_cookie(
        COOKIE,
        comments.sessions.issue(),
        max_age=SESSION_SECONDS,
        path=backend_root(request) + COOKIE_PATH,
        secure=services.identity.is_https(request),
        httponly=True,
        samesite="strict",
    )
    return response


async def moderation_action(request: Request) -> Response:
    """Approve, reject or reply to one comment, then go back to the queue."""
    comments, moderator = _signed_in(request)
    services = comments.services
    if moderator is None:
        return _login_page(request, services, "", 403)
    fields = await posted_fields(request, FORM_MAX_BODY)
    if fields is None or is_forged(request, services, fields, moderator):
        return _queue_page(request, services, comments, moderator, "csrf", 403)
    comment_id = request.path_params["id"]
    action = fields.get("action", "")
    manifest = comments.manifest()
    if action in ("approve", "reject") and not moderator.can_decide:
        return _queue_page(request, services, comments, moderator, "not_moderator", 403)
    if action in ("approve", "reject"):
        reason = fields.get("reason", "other")
        if action == "reject" and reason not in REASONS:
            return _queue_page(request, services, comments, moderator, "reason", 422)
        job = (
            partial(approve, comment_id=comment_id, manifest=manifest)
            if action == "approve"
            else partial(reject, comment_id=comment_id, reason=reason)
        )
    elif action == "reply":
        if not moderator.can_decide and not _writes_on(services, comments, moderator, comment_id):
            return _queue_page(request, services, comments, moderator, "not_author", 403)
        profile = moderator.profile or fields.get("profile", "")
        job = partial(
            reply,
            comment_id=comment_id,
            profile=profile,
            text=fields.get("text", "").replace("\r\n", "\n"),
            name=None,
            manifest=manifest,
        )
    else:
        return _queue_page(request, services, comments, moderator, "action", 422)
    try:
        decided = await services.store.write(job)
    except ModerationError as error:
        return _queue_page(request, services, comments, moderator, error.key, 422)
    except UNAVAILABLE:
        return _queue_page(request, services, comments, moderator, "database", 503)
    tell(comments.notifier, decided)
    return RedirectResponse(backend_root(request) + PATH, status_code=303)


def _signed_in(request: Request) -> tuple[Comments, Moderator | None]:
    """Return the comments feature and who is signed in to its moderation (None: nobody)."""
    comments = comments_of(request)
    settings = comments.services.settings
    if settings.voter_mode == "header":
        user = request.headers.get(settings.voter_header, "").strip()
        if user:
            authors = {a for t in comments.manifest().threads.values() for a in t.authors}
            by_sso = comments.sessions.from_sso(user, authors)
            if by_sso is not None:
                return comments, by_sso
    return comments, comments.sessions.from_cookie(request.cookies.get(COOKIE, ""))


def _writes_on(
    services: Services, comments: Comments, moderator: Moderator, comment_id: str
) -> bool:
    """Return whether the signed-in author is among the authors of the comment's post."""
    found = get_comment(services.store.reader, comment_id)
    thread = comments.manifest().threads.get(found.thread) if found else None
    return thread is not None and moderator.profile in thread.authors


def _login_page(request: Request, services: Services, problem: str, status: int) -> Response:
    language = services.settings.language
    body = login_body(language, f"{backend_root(request)}{PATH}/login", problem)
    return _html(services, body, status)


def _queue_page(
    request: Request,
    services: Services,
    comments: Comments,
    moderator: Moderator,
    problem: str,
    status: int,
) -> Response:
    language = services.settings.language
    threads = comments.manifest().threads
    items = [
        QueueItem(c, threads.get(c.thread), tuple(report_reasons(services.store.reader, c.id)))
        for c in moderation_queue(services.store.reader)
        if moderator.can_decide
        or (c.thread in threads and moderator.profile in threads[c.thread].authors)
    ]
    body = queue_body(
        language,
        items,
        action=f"{backend_root(request)}{PATH}",
        csrf=moderator.csrf,
        can_decide=moderator.can_decide,
        profile=moderator.profile,
        problem=word(language, f"problem.{problem}") if problem else "",
    )
    if moderator.can_decide:
        # The story queue (faces_backend/stories) shares this page's login.
        stories = html.escape(f"{backend_root(request)}/moderation/stories")
        body += f'<p><a href="{stories}">{html.escape(word(language, "stories"))}</a></p>\n'
    return _html(services, body, status)


def _html(services: Services, body: str, status: int) -> Response:
    return moderation_response(services, word(services.settings.language, "title"), body, status)
