"""The polls' routes: POST /vote (voting.py), its CORS preflight and the read-only endpoints."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from faces_backend.http.setting_values import Voice
from faces_backend.polls.answers import NO_STORE
from faces_backend.polls.ballots import has_voted, read_tally
from faces_backend.polls.messages import status_message
from faces_backend.polls.results import hidden_reason, results_body
from faces_backend.polls.state import polls_of
from faces_backend.polls.suggestions import list_suggestions
from faces_backend.polls.voting import vote


async def preflight(request: Request) -> Response:
    """Answer a CORS preflight for /vote: the allowed origin echoed, or 403."""
    headers = polls_of(request).services.origins.preflight_headers(request.headers)
    if headers is None:
        return Response(status_code=403, headers=NO_STORE)
    return Response(status_code=204, headers=headers)


async def poll_results(request: Request) -> Response:
    """Return a poll's results if its results mode lets this reader see them."""
    polls = polls_of(request)
    headers = {**NO_STORE, **polls.services.origins.cors_headers(request.headers)}
    poll_id = request.path_params["poll"]
    poll = polls.manifest.current().polls.get(poll_id)
    if poll is None:
        return _unknown_poll(poll_id, headers, polls.services.settings.voice)
    voter = await polls.services.identity.identify(request, issue_cookie=False)
    now = datetime.now(UTC)
    voted = has_voted(polls.services.store.reader, poll.id, voter.voter_hash)
    reason = hidden_reason(poll, now=now, has_voted=voted)
    results = (
        None
        if reason
        else results_body(poll, read_tally(polls.services.store.reader, poll.id), now=now)
    )
    return JSONResponse({"poll": poll.id, "results": results, "reason": reason}, headers=headers)


async def poll_suggestions(request: Request) -> Response:
    """Return a poll's approved suggestions (pending and rejected ones are never shown)."""
    polls = polls_of(request)
    headers = {**NO_STORE, **polls.services.origins.cors_headers(request.headers)}
    poll_id = request.path_params["poll"]
    if poll_id not in polls.manifest.current().polls:
        return _unknown_poll(poll_id, headers, polls.services.settings.voice)
    approved = list_suggestions(polls.services.store.reader, status="approved", poll=poll_id)
    body = {"poll": poll_id, "suggestions": [{"id": s.id, "text": s.text} for s in approved]}
    return JSONResponse(body, headers=headers)


def _unknown_poll(poll_id: str, headers: dict[str, str], voice: Voice) -> Response:
    message = status_message(voice, "unknown_poll")
    body = {"status": "unknown_poll", "poll": poll_id, "message": message, "results": None}
    return JSONResponse(body, status_code=404, headers=headers)


ROUTES: tuple[BaseRoute, ...] = (
    Route("/vote", vote, methods=["POST"]),
    Route("/vote", preflight, methods=["OPTIONS"]),
    Route("/polls/{poll}/results", poll_results, methods=["GET"]),
    Route("/polls/{poll}/suggestions", poll_suggestions, methods=["GET"]),
)
