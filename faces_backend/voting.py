"""POST /vote: from the posted form to a stored ballot and the answer (the hook contract)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from faces_backend.answers import Answer, prefers_json, render
from faces_backend.backend import Backend, backend_of
from faces_backend.ballots import Ballot, WriteOutcome, cast_ballot, has_voted, read_tally
from faces_backend.forms import (
    ID_MAX_CHARS,
    BodyTooLarge,
    FieldProblem,
    MalformedBody,
    VoteForm,
    collect,
    decode_fields,
    read_body,
)
from faces_backend.identity import COOKIE_MAX_AGE, COOKIE_NAME, Voter, today
from faces_backend.manifest import Poll
from faces_backend.messages import (
    COUNTED_WITH_SUGGESTION,
    MISSING_POLL,
    STATUS_MESSAGES,
    field_message,
)
from faces_backend.results import hidden_reason, results_body
from faces_backend.suggestions import queue_suggestion
from faces_backend.writer import WriterStopped

log = logging.getLogger("faces_backend")


async def vote(request: Request) -> Response:
    """Handle one vote post and answer as JSON or by redirecting back to the page."""
    backend = backend_of(request)
    form: VoteForm | None = None
    voter: Voter | None = None
    try:
        voter = await backend.identity.identify(request)
        form = collect(
            await decode_fields(request, await read_body(request, backend.settings.max_body))
        )
        answer = await _decide(backend, request, voter, form)
    except BodyTooLarge:
        answer = Answer("too_large", None, STATUS_MESSAGES["too_large"])
    except MalformedBody:
        answer = Answer("malformed", None, STATUS_MESSAGES["malformed"])
    except (sqlite3.Error, WriterStopped):
        log.exception("faces_backend: the database failed during a vote")
        answer = Answer("unavailable", None, STATUS_MESSAGES["unavailable"])
    next_url = None
    # A page built with a relative SITEURL (the local preview) cannot name itself in
    # `_next`; the Referer of an allowed origin is the same page.
    wanted = (form.next_url if form is not None else None) or request.headers.get("referer")
    if wanted and backend.origins.url_allowed(wanted):
        next_url = wanted
    response = render(
        answer,
        want_json=prefers_json(request.headers.get("accept", "")),
        next_url=next_url,
        headers=backend.origins.cors_headers(request.headers),
    )
    if voter is not None and voter.new_cookie and answer.status in ("counted", "suggestion_queued"):
        response.set_cookie(
            COOKIE_NAME,
            voter.new_cookie,
            max_age=COOKIE_MAX_AGE,
            path=f"{request.scope.get('root_path', '').rstrip('/')}/",
            secure=voter.secure,
            httponly=True,
            samesite="lax",
        )
    return response


async def _decide(backend: Backend, request: Request, voter: Voter, form: VoteForm) -> Answer:
    poll_id = form.poll if form.poll and len(form.poll) <= ID_MAX_CHARS else None
    origins = backend.origins
    if not origins.request_allowed(request.headers) or (
        form.next_url is not None and not origins.url_allowed(form.next_url)
    ):
        return Answer("origin_not_allowed", poll_id, STATUS_MESSAGES["origin_not_allowed"])
    if voter.voter_hash is None:
        return Answer("not_signed_in", poll_id, STATUS_MESSAGES["not_signed_in"])
    wait = backend.limiter.hit(voter.client_key)
    if wait is not None:
        message = STATUS_MESSAGES["rate_limited"].format(seconds=wait)
        return Answer(
            "rate_limited", poll_id, message, extra={"retry_after": wait}, retry_after=wait
        )
    if form.poll is None:
        return Answer("malformed", None, MISSING_POLL)
    if form.problem is not None:
        return _invalid(poll_id, form.problem)
    poll = backend.manifest.current().polls.get(form.poll)
    if poll is None:
        return Answer("unknown_poll", poll_id, STATUS_MESSAGES["unknown_poll"])
    now = datetime.now(UTC)
    if poll.closed_at(now):
        results = _results(backend, poll, now, has_voted=False)
        return Answer("closed", poll.id, STATUS_MESSAGES["closed"], results, back_url=poll.url)
    problem = check_choices(form, poll)
    if problem is not None:
        return _invalid(poll.id, problem, poll)
    if form.honeypot:
        # Looks exactly like success to the bot; nothing is stored.
        fake = WriteOutcome("counted") if form.choices else WriteOutcome("suggestion_queued")
        return _success(backend, poll, form, fake, now, voted=bool(form.choices))
    outcome = await _store(backend, poll, form, voter)
    voted = outcome.status == "counted" or has_voted(backend.reader, poll.id, voter.voter_hash)
    if outcome.status == "already_voted":
        results = _results(backend, poll, now, has_voted=voted)
        return Answer("already_voted", poll.id, STATUS_MESSAGES["already_voted"], results)
    return _success(backend, poll, form, outcome, now, voted=voted)


def check_choices(form: VoteForm, poll: Poll) -> FieldProblem | None:
    """Return the first problem of the choices and suggestion against the poll, or None."""
    if not form.choices and form.suggestion is None:
        return FieldProblem("choice", "missing")
    if form.suggestion is not None and not poll.suggestions:
        return FieldProblem("suggestion", "not_accepted")
    if len(set(form.choices)) != len(form.choices):
        return FieldProblem("choice", "duplicate")
    if any(poll.option(choice) is None for choice in form.choices):
        return FieldProblem("choice", "unknown_option")
    if len(form.choices) > poll.max:
        return FieldProblem("choice", "too_many", poll.max)
    return None


async def _store(backend: Backend, poll: Poll, form: VoteForm, voter: Voter) -> WriteOutcome:
    assert voter.voter_hash is not None
    day = today()
    if not form.choices:
        assert form.suggestion is not None
        job = partial(queue_suggestion, poll=poll.id, text=form.suggestion, sid=form.sid, day=day)
        return await backend.writer.run(job)
    ballot = Ballot(
        poll=poll.id,
        options=form.choices,
        voter_hash=voter.voter_hash,
        ip_hash=voter.ip_hash,
        sid=form.sid,
        day=day,
        suggestion=form.suggestion,
    )
    return await backend.writer.run(partial(cast_ballot, ballot=ballot))


def _success(
    backend: Backend,
    poll: Poll,
    form: VoteForm,
    outcome: WriteOutcome,
    now: datetime,
    *,
    voted: bool,
) -> Answer:
    if outcome.status == "counted" and form.suggestion is not None:
        message = COUNTED_WITH_SUGGESTION
    else:
        message = STATUS_MESSAGES[outcome.status]
    extra: dict[str, Any] = {"duplicate_retry": True} if outcome.duplicate_retry else {}
    results = _results(backend, poll, now, has_voted=voted)
    return Answer(outcome.status, poll.id, message, results, extra=extra, back_url=poll.url)


def _results(
    backend: Backend, poll: Poll, now: datetime, *, has_voted: bool
) -> dict[str, Any] | None:
    if hidden_reason(poll, now=now, has_voted=has_voted) is not None:
        return None
    return results_body(poll, read_tally(backend.reader, poll.id), now=now)


def _invalid(poll_id: str | None, problem: FieldProblem, poll: Poll | None = None) -> Answer:
    message = field_message(problem, suggestions=poll is not None and poll.suggestions)
    extra = {"field": problem.field, "error": problem.error}
    return Answer("invalid", poll_id, message, extra=extra)
