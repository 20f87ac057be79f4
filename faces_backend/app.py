"""The Starlette application of the backend: every feature's routes, assembled here."""

from __future__ import annotations

import logging
import sqlite3
from functools import partial

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from faces_backend.backend import backend_of, lifespan
from faces_backend.http.settings import Settings
from faces_backend.openapi import openapi_document
from faces_backend.polls.answers import NO_STORE
from faces_backend.polls.routes import ROUTES as POLL_ROUTES
from faces_backend.views.endpoints import ROUTES as VIEW_ROUTES

log = logging.getLogger("faces_backend")


def create_app(settings: Settings) -> Starlette:
    """Build the app; routes are relative to the root, so it can be mounted under /api."""
    return Starlette(
        debug=settings.debug,
        routes=[
            *POLL_ROUTES,
            *VIEW_ROUTES,
            Route("/health", health, methods=["GET"]),
            Route("/openapi.json", openapi, methods=["GET"]),
        ],
        lifespan=partial(lifespan, settings),
    )


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
