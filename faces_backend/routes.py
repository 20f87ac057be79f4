"""The read-only endpoints and the CORS preflight; POST /vote lives in voting.py."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from faces_backend.answers import NO_STORE
from faces_backend.backend import backend_of
from faces_backend.ballots import has_voted, read_tally
from faces_backend.http.settings import Language
from faces_backend.messages import status_message
from faces_backend.openapi import openapi_document
from faces_backend.results import hidden_reason, results_body
from faces_backend.suggestions import list_suggestions

log = logging.getLogger("faces_backend")


async def preflight(request: Request) -> Response:
    """Answer a CORS preflight for /vote: the allowed origin echoed, or 403."""
    headers = backend_of(request).origins.preflight_headers(request.headers)
    if headers is None:
        return Response(status_code=403, headers=NO_STORE)
    return Response(status_code=204, headers=headers)


async def poll_results(request: Request) -> Response:
    """Return a poll's results if its results mode lets this reader see them."""
    backend = backend_of(request)
    headers = {**NO_STORE, **backend.origins.cors_headers(request.headers)}
    poll_id = request.path_params["poll"]
    poll = backend.manifest.current().polls.get(poll_id)
    if poll is None:
        return _unknown_poll(poll_id, headers, backend.settings.language)
    voter = await backend.identity.identify(request, issue_cookie=False)
    now = datetime.now(UTC)
    voted = has_voted(backend.reader, poll.id, voter.voter_hash)
    reason = hidden_reason(poll, now=now, has_voted=voted)
    results = None if reason else results_body(poll, read_tally(backend.reader, poll.id), now=now)
    return JSONResponse({"poll": poll.id, "results": results, "reason": reason}, headers=headers)


async def poll_suggestions(request: Request) -> Response:
    """Return a poll's approved suggestions (pending and rejected ones are never shown)."""
    backend = backend_of(request)
    headers = {**NO_STORE, **backend.origins.cors_headers(request.headers)}
    poll_id = request.path_params["poll"]
    if poll_id not in backend.manifest.current().polls:
        return _unknown_poll(poll_id, headers, backend.settings.language)
    approved = list_suggestions(backend.reader, status="approved", poll=poll_id)
    body = {"poll": poll_id, "suggestions": [{"id": s.id, "text": s.text} for s in approved]}
    return JSONResponse(body, headers=headers)


async def health(request: Request) -> Response:
    """Report whether the manifest is loaded and the database answers."""
    backend = backend_of(request)
    polls = len(backend.manifest.current().polls)
    try:
        backend.reader.execute("SELECT 1 FROM totals LIMIT 1").fetchall()
        database = "ok" if backend.writer.alive else "error"
    except sqlite3.Error:
        log.exception("faces_backend: health check cannot read the database")
        database = "error"
    status = "ok" if database == "ok" else "error"
    body = {"status": status, "polls": polls, "database": database}
    return JSONResponse(body, status_code=200 if status == "ok" else 503, headers=NO_STORE)


async def openapi(request: Request) -> Response:
    """Serve the OpenAPI 3.1 document of the hook, with this mount's root path as server."""
    return JSONResponse(openapi_document(request.scope.get("root_path", "")))


def _unknown_poll(poll_id: str, headers: dict[str, str], language: Language) -> Response:
    message = status_message(language, "unknown_poll")
    body = {"status": "unknown_poll", "poll": poll_id, "message": message, "results": None}
    return JSONResponse(body, status_code=404, headers=headers)
