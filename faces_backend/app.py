"""The Starlette application of the backend: every feature's routes, assembled here."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from faces_backend.backend import lifespan
from faces_backend.comments.config import CommentSettings
from faces_backend.comments.notify import NotifySettings, notifier_factory
from faces_backend.comments.routes import comment_routes
from faces_backend.comments.state import NotifierFactory
from faces_backend.http.services import services_of
from faces_backend.http.settings import Settings
from faces_backend.openapi import openapi_document
from faces_backend.polls.answers import NO_STORE
from faces_backend.polls.routes import ROUTES as POLL_ROUTES
from faces_backend.polls.state import polls_of
from faces_backend.polls.voting import UNAVAILABLE_RETRY_AFTER_S
from faces_backend.stories.config import StorySettings
from faces_backend.stories.routes import story_routes
from faces_backend.views.endpoints import ROUTES as VIEW_ROUTES


def create_app(
    settings: Settings,
    *,
    comments: CommentSettings | None = None,
    notifier: NotifierFactory | None = None,
    stories: StorySettings | None = None,
) -> Starlette:
    """Build the app; routes are relative to the root, so it can be mounted under /api.

    `comments` defaults to comments off; `notifier` makes the comment notifier from the
    store once it is open (default: the one `comments.notify` describes, or none);
    `stories` defaults to the default story settings.
    """
    return Starlette(
        debug=settings.debug,
        routes=[
            *POLL_ROUTES,
            *VIEW_ROUTES,
            *comment_routes(settings.stylesheets, settings.language),
            *story_routes(),
            Route("/health", health, methods=["GET"]),
            Route("/openapi.json", openapi, methods=["GET"]),
        ],
        lifespan=partial(lifespan, settings, comments=comments, notifier=notifier, stories=stories),
    )


def app_from_env(environ: Mapping[str, str], settings: Settings | None = None) -> Starlette:
    """Build the app as `serve` runs it, every setting read from `FACES_*` variables.

    With comments on (FACES_COMMENTS_MANIFEST), the notifier runs with the FACES_SMTP_*,
    FACES_WEBHOOK_URL and opt-in settings (it purges expired addresses even without mail).
    """
    settings = settings if settings is not None else Settings.from_env(environ)
    comments = CommentSettings.from_env(environ)
    notifier = None
    if comments.manifest:
        notify = NotifySettings.from_env(environ, language=settings.language)
        notifier = notifier_factory(notify)
    stories = StorySettings.from_env(environ)
    return create_app(settings, comments=comments, notifier=notifier, stories=stories)


async def health(request: Request) -> Response:
    """Report whether the manifest is loaded and the database answers."""
    polls = len(polls_of(request).manifest.current().polls)
    database = "ok" if services_of(request).store.healthy() else "error"
    body = {"status": database, "polls": polls, "database": database}
    if database == "ok":
        return JSONResponse(body, headers=NO_STORE)
    # A balancer that honours it asks this instance again once a restart is likely over.
    headers = {**NO_STORE, "Retry-After": str(UNAVAILABLE_RETRY_AFTER_S)}
    return JSONResponse(body, status_code=503, headers=headers)


async def openapi(request: Request) -> Response:
    """Serve the OpenAPI 3.1 document of the hook, with this mount's root path as server."""
    return JSONResponse(openapi_document(request.scope.get("root_path", "")))
