"""The other comment endpoints: the form stamp, the live list, report, withdraw, pow.js."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from faces_backend.comments.answers import Outcome, respond
from faces_backend.comments.form import COMMENT_ID
from faces_backend.comments.messages import field_text, say, seconds
from faces_backend.comments.pages import comment_page, confirm_body
from faces_backend.comments.state import comments_of
from faces_backend.comments.store import (
    REASONS,
    approved_comments,
    report,
    withdraw,
)
from faces_backend.http.forms import FieldProblem
from faces_backend.http.gate import first_value, screen_form
from faces_backend.http.proof_of_work import SOLVER_JS
from faces_backend.store import UNAVAILABLE
from faces_backend.store.queries import stored_time

# Approved comments reach readers within this many seconds, without a build.
LIVE_MAX_AGE = 15
REPORT_MAX_BODY = 4096


async def comment_stamp(request: Request) -> Response:
    """Hand out a signed form stamp (the script fetches one when the form is focused)."""
    comments = comments_of(request)
    origins = comments.services.origins
    headers = {"Cache-Control": "no-store", **origins.cors_headers(request.headers)}
    return JSONResponse({"stamp": comments.stamps.issue()}, headers=headers)


async def live_comments(request: Request) -> Response:
    """Return a thread's approved comments, those approved after `since` if given."""
    comments = comments_of(request)
    services = comments.services
    voice = services.settings.voice
    thread_id = request.path_params["thread"]
    thread = comments.manifest().threads.get(thread_id)
    headers = {
        "Cache-Control": f"public, max-age={LIVE_MAX_AGE}",
        **services.origins.cors_headers(request.headers),
    }
    if thread is None or (thread.internal and services.settings.voter_mode != "header"):
        body = {"status": "unknown_thread", "message": say(voice, "unknown_thread")}
        return JSONResponse(body, status_code=404, headers=headers)
    since = request.query_params.get("since")
    if since is not None and not _is_moment(since):
        message = "since: expected an ISO 8601 time with zone, e.g. 2026-12-01T10:00:00+00:00"
        body = {"status": "malformed", "message": message}
        return JSONResponse(body, status_code=400, headers=headers)
    moment = stored_time(datetime.fromisoformat(since)) if since else None
    found = approved_comments(services.store.reader, thread.id, moment)
    return JSONResponse(
        {"thread": thread.id, "comments": [c.record() for c in found]}, headers=headers
    )


def _is_moment(value: str) -> bool:
    try:
        return len(value) <= 40 and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


async def report_comment(request: Request) -> Response:
    """Put a reader's report of a comment into the moderation queue; it stays visible."""
    services = comments_of(request).services
    voice = services.settings.voice
    comment_id = request.path_params["id"]
    screened = await screen_form(request, services, max_body=REPORT_MAX_BODY)
    back = screened.next_url
    refusal = screened.refusal
    if refusal is not None and refusal.retry_after is not None:
        wait = refusal.retry_after
        message = say(voice, "rate_limited", seconds=seconds(voice, wait))
        outcome = Outcome("rate_limited", message, {"retry_after": wait}, retry_after=wait)
        return respond(request, services, outcome)
    if refusal is not None:
        return respond(request, services, Outcome(refusal.status, say(voice, refusal.status)))
    reason = (first_value(screened.fields, "reason") or "other").strip() or "other"
    if reason not in REASONS:
        problem = FieldProblem("reason", "invalid")
        message = field_text(voice, problem.field, problem.error)
        outcome = Outcome("invalid", message, {"field": "reason", "error": "invalid"}, back)
        return respond(request, services, outcome)
    if screened.honeypot:
        return respond(request, services, Outcome("reported", say(voice, "reported"), {}, back))
    try:
        known = COMMENT_ID.fullmatch(comment_id) is not None and await services.store.write(
            partial(report, comment_id=comment_id, reason=reason)
        )
    except UNAVAILABLE:
        return respond(request, services, Outcome("unavailable", say(voice, "unavailable")))
    if not known:
        outcome = Outcome("unknown_comment", say(voice, "unknown_comment"), {}, back)
        return respond(request, services, outcome)
    return respond(request, services, Outcome("reported", say(voice, "reported"), {}, back))


async def withdraw_comment(request: Request) -> Response:
    """Withdraw a comment by its private link; a GET only asks (link previews delete nothing)."""
    comments = comments_of(request)
    services = comments.services
    voice = services.settings.voice
    comment_id = request.path_params["id"]
    token = request.query_params.get("token", "")
    if request.method == "GET":
        action = f"{request.scope.get('root_path', '').rstrip('/')}/comments/withdraw/{comment_id}"
        body = confirm_body(
            question=say(voice, "withdraw_ask"),
            action=f"{action}?{request.url.query}",
            button=say(voice, "withdraw_button"),
        )
        return comment_page(services.settings, body, title_key="withdraw_link")
    try:
        found = (
            await services.store.write(partial(withdraw, comment_id=comment_id, token=token))
            if COMMENT_ID.fullmatch(comment_id) and 0 < len(token) <= 100
            else None
        )
    except UNAVAILABLE:
        return respond(request, services, Outcome("unavailable", say(voice, "unavailable")))
    if found is None:
        return respond(request, services, Outcome("wrong_token", say(voice, "wrong_token")))
    comments.notifier.forget(comment_id)
    outcome = Outcome("withdrawn", say(voice, "withdrawn"))
    return respond(request, services, outcome)


async def pow_script(request: Request) -> Response:
    """Serve the proof-of-work solver the comment form's script calls."""
    return Response(
        SOLVER_JS,
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )
