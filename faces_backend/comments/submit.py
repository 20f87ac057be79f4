"""POST /comments: from a posted comment form to a pending comment (contract 4)."""

from __future__ import annotations

import secrets
from functools import partial

from starlette.requests import Request
from starlette.responses import Response

from faces_backend.comments.answers import Outcome, respond
from faces_backend.comments.events import comment_event
from faces_backend.comments.form import CommentForm, collect_comment
from faces_backend.comments.messages import field_text, say, seconds
from faces_backend.comments.pages import comment_page, preview_body, stored_body
from faces_backend.comments.state import Comments, comments_of
from faces_backend.comments.store import (
    NewComment,
    SubmitRefused,
    insert_comment,
    new_id,
    token_hash,
)
from faces_backend.http.accept import prefers_json
from faces_backend.http.form_stamp import StampRefused
from faces_backend.http.forms import FieldProblem
from faces_backend.http.gate import Screened
from faces_backend.http.identity import profile_slug
from faces_backend.http.proof_of_work import solves
from faces_backend.http.services import Services
from faces_backend.http.setting_values import Voice, lang_of
from faces_backend.http.stamped_post import take_stamped_post


async def submit_comment(request: Request) -> Response:
    """Take one comment: check everything, then preview it (no script) or store it."""
    comments = comments_of(request)
    unavailable = Outcome("unavailable", say(comments.services.settings.voice, "unavailable"))
    decide = partial(_collect_and_decide, request, comments)
    return await take_stamped_post(request, comments.services, decide, respond, unavailable)


async def _collect_and_decide(
    request: Request, comments: Comments, screened: Screened
) -> Outcome | Response:
    sso_user = _sso_user(request, comments.services)
    sso_name = sso_user.rsplit("\\", 1)[-1].split("@", 1)[0] if sso_user else None
    form = collect_comment(screened.fields, comments.settings, sso_name=sso_name)
    return await _decide(request, comments, screened, form, sso_user)


def _sso_user(request: Request, services: Services) -> str | None:
    if services.settings.voter_mode != "header":
        return None
    return request.headers.get(services.settings.voter_header, "").strip() or None


async def _decide(
    request: Request,
    comments: Comments,
    screened: Screened,
    form: CommentForm,
    sso_user: str | None,
) -> Outcome | Response:
    services = comments.services
    voice = services.settings.voice
    refusal = screened.refusal
    if refusal is not None and refusal.retry_after is not None:
        wait = refusal.retry_after
        message = say(voice, "rate_limited", seconds=seconds(voice, wait))
        return Outcome("rate_limited", message, {"retry_after": wait}, retry_after=wait)
    if refusal is not None:
        return Outcome(refusal.status, say(voice, refusal.status))
    if form.problem is not None and form.problem.field != "thread":
        return _invalid(voice, form.problem)
    thread = comments.manifest().threads.get(form.thread)
    if thread is None or (thread.internal and services.settings.voter_mode != "header"):
        return Outcome("unknown_thread", say(voice, "unknown_thread"))
    origins = services.origins
    back = screened.next_url or origins.safe_next(thread.path)
    if not thread.open:
        return Outcome("closed", say(voice, "closed"), back_url=back)
    want_json = prefers_json(request.headers.get("accept", ""))
    try:
        stamp = (comments.page_stamps if not want_json else comments.stamps).check(form.stamp)
    except StampRefused as refused:
        if want_json:
            return _invalid(voice, FieldProblem("stamp", refused.problem))
        note = "" if refused.problem == "missing" else field_text(voice, "stamp", refused.problem)
        return _preview(request, comments, form, note)
    if not solves(stamp.text, form.pow, stamp.pow_bits):
        return _invalid(voice, FieldProblem("pow", "invalid"))
    if screened.honeypot:
        # Looks like success to the bot; nothing is stored, and its link withdraws nothing.
        return _stored(request, services, new_id(), secrets.token_urlsafe(24), back)
    comment_id, token = new_id(), secrets.token_urlsafe(24)
    profile = profile_slug(sso_user) if sso_user else None
    record = NewComment(form.thread, form.parent, form.name, profile, form.text)
    job = partial(
        insert_comment,
        comment=record,
        comment_id=comment_id,
        withdraw_hash=token_hash(token),
        nonce=stamp.nonce,
        nonce_expires=stamp.issued + comments.settings.max_seconds,
    )
    try:
        received = await services.store.write(job)
    except SubmitRefused as refused:
        if refused.problem == "replayed":
            return Outcome("replayed", say(voice, "replayed"), back_url=back)
        return _invalid(voice, FieldProblem("parent", "invalid"))
    comments.notifier.comment_received(comment_event(comment_id, record, received, thread))
    if form.email and form.notify:
        comments.notifier.subscribe(comment_id, form.email, thread.lang or lang_of(voice))
    return _stored(request, services, comment_id, token, back)


def _invalid(voice: Voice, problem: FieldProblem) -> Outcome:
    message = field_text(voice, problem.field, problem.error, problem.limit)
    return Outcome("invalid", message, {"field": problem.field, "error": problem.error})


def _preview(request: Request, comments: Comments, form: CommentForm, note: str) -> Response:
    settings = comments.services.settings
    voice = settings.voice
    fields = {**form.hidden_fields(), "stamp": comments.page_stamps.issue()}
    body = preview_body(
        heading=say(voice, "preview"),
        name=form.name,
        text=form.text,
        note=note,
        action=_url(request, "/comments"),
        fields=fields,
        button=say(voice, "confirm"),
        hint=say(voice, "edit_hint"),
    )
    return comment_page(settings, body)


def _stored(
    request: Request, services: Services, comment_id: str, token: str, back: str | None
) -> Outcome | Response:
    settings = services.settings
    voice = settings.voice
    withdraw_url = _url(
        request, f"/comments/withdraw/{comment_id}?token={token}", services=services
    )
    message = say(voice, "pending")
    if prefers_json(request.headers.get("accept", "")):
        extra = {"id": comment_id, "withdraw_url": withdraw_url}
        return Outcome("pending", message, extra)
    waiting = f"{back.split('#', 1)[0]}#kommentar-wartet" if back else None
    body = stored_body(
        message=message,
        hint=say(voice, "withdraw_hint"),
        withdraw_url=withdraw_url,
        withdraw=say(voice, "withdraw_link"),
        back_url=waiting,
        back=say(voice, "back"),
    )
    return comment_page(settings, body, status=201)


def _url(request: Request, path: str, *, services: Services | None = None) -> str:
    """Return a path on the backend; with `services`, the absolute URL the reader's browser uses."""
    root = request.scope.get("root_path", "").rstrip("/")
    if services is None:
        return f"{root}{path}"
    # Behind a TLS-terminating proxy the socket says http: trust X-Forwarded-Proto as set.
    scheme = "https" if services.identity.is_https(request) else "http"
    return f"{scheme}://{request.url.netloc}{root}{path}"
