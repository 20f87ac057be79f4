"""POST /comments: from a posted comment form to a pending comment (contract 4)."""

from __future__ import annotations

import logging
import secrets
import sqlite3
from dataclasses import replace
from functools import partial

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from faces_backend.answers import prefers_json
from faces_backend.backend import Backend
from faces_backend.comments.events import CommentEvent
from faces_backend.comments.form import COMMENT_MAX_BODY, CommentForm, collect_comment, profile_slug
from faces_backend.comments.messages import field_text, say
from faces_backend.comments.pages import PAGE_HEADERS, page, preview_body, stored_body
from faces_backend.comments.store import (
    NewComment,
    SubmitRefused,
    insert_comment,
    new_id,
    token_hash,
)
from faces_backend.comments.threads import Thread
from faces_backend.comments.wiring import (
    Comments,
    Outcome,
    comments_of,
    json_fields,
    respond,
    same_origin,
)
from faces_backend.form_stamp import StampRefused
from faces_backend.forms import BodyTooLarge, FieldProblem, MalformedBody, decode_fields, read_body
from faces_backend.proof_of_work import solves
from faces_backend.settings import Language
from faces_backend.writer import WriterStopped

log = logging.getLogger("faces_backend")


async def submit_comment(request: Request) -> Response:
    """Take one comment: check everything, then preview it (no script) or store it."""
    backend, comments = comments_of(request)
    language = backend.settings.language
    form: CommentForm | None = None
    try:
        body = await read_body(request, COMMENT_MAX_BODY)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        fields = (
            json_fields(body) if media == "application/json" else await decode_fields(request, body)
        )
        sso_user = _sso_user(request, backend)
        sso_name = sso_user.rsplit("\\", 1)[-1].split("@", 1)[0] if sso_user else None
        form = collect_comment(fields, comments.settings, sso_name=sso_name)
        outcome_or_page = await _decide(request, backend, comments, form, sso_user)
    except BodyTooLarge:
        outcome_or_page = Outcome("too_large", say(language, "too_large"))
    except MalformedBody:
        outcome_or_page = Outcome("malformed", say(language, "malformed"))
    except (sqlite3.Error, WriterStopped):
        log.exception("faces_backend: the database failed while storing a comment")
        outcome_or_page = Outcome("unavailable", say(language, "unavailable"))
    if isinstance(outcome_or_page, Response):
        return outcome_or_page
    if outcome_or_page.back_url is None and form is not None and form.next_url:
        back = backend.origins.safe_next(form.next_url)
        outcome_or_page = replace(outcome_or_page, back_url=back)
    return respond(request, backend, outcome_or_page)


def _sso_user(request: Request, backend: Backend) -> str | None:
    if backend.settings.voter_mode != "header":
        return None
    return request.headers.get(backend.settings.voter_header, "").strip() or None


async def _decide(
    request: Request, backend: Backend, comments: Comments, form: CommentForm, sso_user: str | None
) -> Outcome | Response:
    language = backend.settings.language
    origins = backend.origins
    # The preview page's confirm button posts from the backend's own origin.
    from_page = origins.request_allowed(request.headers) or same_origin(request, backend)
    if not from_page or (form.next_url is not None and origins.safe_next(form.next_url) is None):
        return Outcome("origin_not_allowed", say(language, "origin_not_allowed"))
    if backend.settings.voter_mode == "header" and sso_user is None:
        return Outcome("not_signed_in", say(language, "not_signed_in"))
    client = await backend.identity.identify(request, issue_cookie=False)
    wait = backend.limiter.hit(client.client_key)
    if wait is not None:
        message = say(language, "rate_limited", seconds=wait)
        return Outcome("rate_limited", message, {"retry_after": wait}, retry_after=wait)
    if form.problem is not None and form.problem.field != "thread":
        return _invalid(language, form.problem)
    thread = comments.manifest().threads.get(form.thread)
    if thread is None or (thread.internal and backend.settings.voter_mode != "header"):
        return Outcome("unknown_thread", say(language, "unknown_thread"))
    back = origins.safe_next(form.next_url) if form.next_url else origins.safe_next(thread.path)
    if not thread.open:
        return Outcome("closed", say(language, "closed"), back_url=back)
    want_json = prefers_json(request.headers.get("accept", ""))
    try:
        stamp = (comments.page_stamps if not want_json else comments.stamps).check(form.stamp)
    except StampRefused as refused:
        if want_json:
            return _invalid(language, FieldProblem("stamp", refused.problem))
        note = (
            "" if refused.problem == "missing" else field_text(language, "stamp", refused.problem)
        )
        return _preview(request, backend, comments, form, note)
    if not solves(stamp.text, form.pow, stamp.pow_bits):
        return _invalid(language, FieldProblem("pow", "invalid"))
    if form.honeypot:
        # Looks like success to the bot; nothing is stored, and its link withdraws nothing.
        return _stored(request, backend, new_id(), secrets.token_urlsafe(24), back)
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
        received = await backend.writer.run(job)
    except SubmitRefused as refused:
        if refused.problem == "replayed":
            return Outcome("replayed", say(language, "replayed"), back_url=back)
        return _invalid(language, FieldProblem("parent", "invalid"))
    event = _event(thread, comment_id, record, received, request)
    comments.notifier.comment_received(event)
    if form.email and form.notify:
        comments.notifier.subscribe(comment_id, form.email, thread.lang or language)
    return _stored(request, backend, comment_id, token, back)


def _invalid(language: Language, problem: FieldProblem) -> Outcome:
    message = field_text(language, problem.field, problem.error, problem.limit)
    return Outcome("invalid", message, {"field": problem.field, "error": problem.error})


def _preview(
    request: Request, backend: Backend, comments: Comments, form: CommentForm, note: str
) -> Response:
    language = backend.settings.language
    fields = {**form.hidden_fields(), "stamp": comments.page_stamps.issue()}
    body = preview_body(
        heading=say(language, "preview"),
        name=form.name,
        text=form.text,
        note=note,
        action=_url(request, "/comments"),
        fields=fields,
        button=say(language, "confirm"),
        hint=say(language, "edit_hint"),
    )
    document = page(
        say(language, "page_title"),
        body,
        language=language,
        stylesheets=backend.settings.stylesheets,
    )
    return HTMLResponse(document, headers=PAGE_HEADERS)


def _stored(
    request: Request, backend: Backend, comment_id: str, token: str, back: str | None
) -> Outcome | Response:
    language = backend.settings.language
    withdraw_url = _url(request, f"/comments/withdraw/{comment_id}?token={token}", backend=backend)
    message = say(language, "pending")
    if prefers_json(request.headers.get("accept", "")):
        extra = {"id": comment_id, "withdraw_url": withdraw_url}
        return Outcome("pending", message, extra)
    waiting = f"{back.split('#', 1)[0]}#kommentar-wartet" if back else None
    body = stored_body(
        message=message,
        hint=say(language, "withdraw_hint"),
        withdraw_url=withdraw_url,
        withdraw=say(language, "withdraw_link"),
        back_url=waiting,
        back=say(language, "back"),
    )
    document = page(
        say(language, "page_title"),
        body,
        language=language,
        stylesheets=backend.settings.stylesheets,
    )
    return HTMLResponse(document, status_code=201, headers=PAGE_HEADERS)


def _url(request: Request, path: str, *, backend: Backend | None = None) -> str:
    """Return a path on the backend; with `backend`, the absolute URL the reader's browser uses."""
    root = request.scope.get("root_path", "").rstrip("/")
    if backend is None:
        return f"{root}{path}"
    # Behind a TLS-terminating proxy the socket says http: trust X-Forwarded-Proto as set.
    scheme = "https" if backend.identity.is_https(request) else "http"
    return f"{scheme}://{request.url.netloc}{root}{path}"


def _event(
    thread: Thread, comment_id: str, record: NewComment, received: str, request: Request
) -> CommentEvent:
    return CommentEvent(
        comment_id=comment_id,
        thread=thread.id,
        post_title=thread.title,
        post_url=thread.path,
        author_profiles=thread.authors,
        name=record.name,
        text=record.text,
        parent=record.parent,
        profile=record.profile,
        received=received,
    )
