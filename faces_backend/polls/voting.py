"""POST /vote: from the posted form to a stored ballot and the answer (the hook contract)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from faces_backend.http.accept import prefers_json
from faces_backend.http.forms import ID_MAX_CHARS, FieldProblem
from faces_backend.http.gate import Screened, screen_form
from faces_backend.http.identity import COOKIE_MAX_AGE, COOKIE_NAME, Voter, today
from faces_backend.http.setting_values import Voice
from faces_backend.http.shared_ratelimit import RateHit, SharedRateLimiter
from faces_backend.polls.answers import Answer, render
from faces_backend.polls.ballots import (
    Ballot,
    Tally,
    WriteOutcome,
    cast_ballot,
    has_voted,
    read_tally,
)
from faces_backend.polls.ballots_postgres import ballot_job
from faces_backend.polls.form import VoteForm, collect
from faces_backend.polls.manifest import Poll
from faces_backend.polls.messages import field_message, seconds, status_message, text
from faces_backend.polls.results import hidden_reason, results_body
from faces_backend.polls.state import Polls, polls_of
from faces_backend.polls.suggestions import queue_suggestion
from faces_backend.store import UNAVAILABLE

log = logging.getLogger("faces_backend")

# While the database is away (a PostgreSQL restart takes seconds), when to ask again.
UNAVAILABLE_RETRY_AFTER_S = 5


async def vote(request: Request) -> Response:
    """Handle one vote post and answer as JSON, or with the answer page for a plain form."""
    polls = polls_of(request)
    services = polls.services
    voice = services.settings.voice
    screened: Screened | None = None
    try:
        # The rate limit is checked in `_decide`: on PostgreSQL by the vote's own statement.
        screened = await screen_form(request, services, defer_rate_limit=True)
        answer = await _decide(polls, screened)
    except UNAVAILABLE:
        log.exception("faces_backend: the database failed during a vote")
        message = status_message(voice, "unavailable")
        answer = Answer("unavailable", None, message, retry_after=UNAVAILABLE_RETRY_AFTER_S)
    # The way back never comes from `Referer`: only a `_next` that passed the check.
    if screened is not None and screened.next_url is not None:
        answer = replace(answer, back_url=screened.next_url)
    response = render(
        answer,
        want_json=prefers_json(request.headers.get("accept", "")),
        headers=services.origins.cors_headers(request.headers),
        voice=voice,
        locale=services.settings.locale,
        stylesheets=services.settings.stylesheets,
    )
    voter = screened.client if screened is not None else None
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


async def _decide(polls: Polls, screened: Screened) -> Answer:
    voice = polls.services.settings.voice
    form = collect(screened.fields)
    poll_id = form.poll if form.poll and len(form.poll) <= ID_MAX_CHARS else None
    refusal = screened.refusal
    if refusal is not None and refusal.retry_after is not None:
        return _rate_limited(voice, poll_id, refusal.retry_after)
    if refusal is not None:
        return Answer(refusal.status, poll_id, status_message(voice, refusal.status))
    now = datetime.now(UTC)
    checked = _checked(polls, screened, form, poll_id, now)
    folded = _folded_hit(polls, screened, form) if isinstance(checked, Poll) else None
    if screened.rate_key is not None and folded is None:
        # The gate's last check, left to here: the hit is recorded before any answer.
        wait = await polls.services.limiter.check(screened.rate_key)
        if wait is not None:
            return _rate_limited(voice, poll_id, wait)
    if not isinstance(checked, Poll):
        return checked()
    poll = checked
    voter = screened.client
    outcome = await _store(polls, poll, form, voter, folded)
    if outcome.status == "rate_limited" and outcome.retry_after is not None:
        return _rate_limited(voice, poll_id, outcome.retry_after)
    voted = outcome.status == "counted" or has_voted(
        polls.services.store.reader, poll.id, voter.voter_hash
    )
    if outcome.status == "already_voted":
        sso = polls.services.settings.voter_mode == "header"
        message = text(voice, "already_voted_sso") if sso else ""
        answer = Answer("already_voted", poll.id, message)
        return _about(polls, poll, now, answer, voted=voted, tally=outcome.tally)
    if outcome.status == "address_limit":
        limit = polls.services.settings.ip_limit
        message = status_message(voice, "address_limit", limit=limit)
        answer = Answer("address_limit", poll.id, message, extra={"limit": limit})
        return _about(polls, poll, now, answer, voted=voted, tally=outcome.tally)
    return _success(polls, poll, form, outcome, now, voted=voted)


def _checked(
    polls: Polls, screened: Screened, form: VoteForm, poll_id: str | None, now: datetime
) -> Poll | Callable[[], Answer]:
    """Return the poll the post is stored in, or how it is answered without storing anything.

    The answer is built only when asked for: some read the counts, and a post over the rate
    limit is answered "rate_limited" instead.
    """
    voice = polls.services.settings.voice
    if form.poll is None:
        return lambda: Answer("malformed", None, text(voice, "missing_poll"))
    if form.problem is not None:
        return partial(_invalid, polls, poll_id, form.problem)
    poll = polls.manifest.current().polls.get(form.poll)
    if poll is None:
        return lambda: Answer("unknown_poll", poll_id, status_message(voice, "unknown_poll"))
    if poll.closed_at(now):
        return partial(_about, polls, poll, now, Answer("closed", poll.id, ""), voted=False)
    problem = check_choices(form, poll)
    if problem is not None:
        return partial(_invalid, polls, poll.id, problem, poll)
    if screened.honeypot:
        # Looks exactly like success to the bot; nothing is stored.
        fake = WriteOutcome("counted") if form.choices else WriteOutcome("suggestion_queued")
        return partial(_success, polls, poll, form, fake, now, voted=bool(form.choices))
    return poll


def _folded_hit(polls: Polls, screened: Screened, form: VoteForm) -> RateHit | None:
    """Return the rate-limit hit a PostgreSQL vote records in its own statement, or None."""
    limiter = polls.services.limiter
    store = polls.services.store
    if screened.rate_key is None or not form.choices or store.dialect != "postgresql":
        return None
    if not isinstance(limiter, SharedRateLimiter):
        return None
    return limiter.folded(screened.rate_key)


def _rate_limited(voice: Voice, poll_id: str | None, wait: int) -> Answer:
    message = status_message(voice, "rate_limited", seconds=seconds(voice, wait))
    return Answer("rate_limited", poll_id, message, extra={"retry_after": wait}, retry_after=wait)


def check_choices(form: VoteForm, poll: Poll) -> FieldProblem | None:
    """Return the first problem of the choices and suggestion against the poll, or None."""
    if not form.choices and form.suggestion is None:
        return FieldProblem("choice", "missing")
    if form.suggestion is not None and not poll.suggestions:
        return FieldProblem("suggestion", "not_accepted")
    if len(set(form.choices)) != len(form.choices):
        return FieldProblem("choice", "duplicate")
    if any(choice not in poll.options for choice in form.choices):
        return FieldProblem("choice", "unknown_option")
    if len(form.choices) > poll.max:
        return FieldProblem("choice", "too_many", poll.max)
    return None


async def _store(
    polls: Polls, poll: Poll, form: VoteForm, voter: Voter, rate: RateHit | None
) -> WriteOutcome:
    assert voter.voter_hash is not None
    day = today()
    if not form.choices:
        assert form.suggestion is not None
        job = partial(queue_suggestion, poll=poll.id, text=form.suggestion, sid=form.sid, day=day)
        return await polls.services.store.write(job)
    ballot = Ballot(
        poll=poll.id,
        options=form.choices,
        voter_hash=voter.voter_hash,
        ip_hash=voter.ip_hash,
        sid=form.sid,
        day=day,
        suggestion=form.suggestion,
    )
    cap = polls.services.settings.ip_limit
    store = polls.services.store
    if store.dialect == "postgresql":
        return await store.write(ballot_job(ballot, cap, rate))
    return await store.write(partial(cast_ballot, ballot=ballot, address_cap=cap))


def _success(
    polls: Polls,
    poll: Poll,
    form: VoteForm,
    outcome: WriteOutcome,
    now: datetime,
    *,
    voted: bool,
) -> Answer:
    voice = polls.services.settings.voice
    if not outcome.suggestion_kept and outcome.status == "counted":
        message = text(voice, "counted_suggestion_dropped")
    elif not outcome.suggestion_kept:
        message = text(voice, "retry_suggestion_dropped")
    elif outcome.status == "counted" and form.suggestion is not None:
        message = text(voice, "counted_with_suggestion")
    else:
        message = ""
    extra: dict[str, Any] = {"duplicate_retry": True} if outcome.duplicate_retry else {}
    if not outcome.suggestion_kept:
        extra["suggestion_stored"] = False
    answer = Answer(outcome.status, poll.id, message, extra=extra)
    return _about(polls, poll, now, answer, voted=voted, tally=outcome.tally)


def _about(
    polls: Polls,
    poll: Poll,
    now: datetime,
    answer: Answer,
    *,
    voted: bool,
    tally: Tally | None = None,
) -> Answer:
    """Complete an answer about a known poll: default message, question, results, way back."""
    message = answer.message or status_message(polls.services.settings.voice, answer.status)
    hidden_by = hidden_reason(poll, now=now, has_voted=voted)
    results = None
    if hidden_by is None:
        if tally is None:
            tally = read_tally(polls.services.store.reader, poll.id)
        results = results_body(poll, tally, now=now)
    return replace(
        answer,
        message=message,
        results=results,
        question=poll.question,
        hidden_by=hidden_by,
        back_url=polls.services.origins.safe_next(poll.url),
    )


def _invalid(
    polls: Polls, poll_id: str | None, problem: FieldProblem, poll: Poll | None = None
) -> Answer:
    message = field_message(
        problem,
        suggestions=poll is not None and poll.suggestions,
        language=polls.services.settings.voice,
    )
    extra = {"field": problem.field, "error": problem.error}
    answer = Answer("invalid", poll_id, message, extra=extra)
    if poll is None:
        return answer
    return replace(
        answer, question=poll.question, back_url=polls.services.origins.safe_next(poll.url)
    )
