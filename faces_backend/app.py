"""The Starlette application of the poll backend."""

from __future__ import annotations

from functools import partial

from starlette.applications import Starlette
from starlette.routing import Route

from faces_backend import routes
from faces_backend.backend import lifespan
from faces_backend.comments.config import CommentSettings
from faces_backend.comments.events import Notifier
from faces_backend.comments.routes import COMMENT_ROUTES
from faces_backend.settings import Settings
from faces_backend.views import view_beacon, view_pixel
from faces_backend.voting import vote


def create_app(
    settings: Settings,
    *,
    comments: CommentSettings | None = None,
    notifier: Notifier | None = None,
) -> Starlette:
    """Build the app; routes are relative to the root, so it can be mounted under /api.

    `comments` and `notifier` (issue 15) default to comments off and no notifications.
    """
    return Starlette(
        debug=settings.debug,
        routes=[
            Route("/vote", vote, methods=["POST"]),
            Route("/vote", routes.preflight, methods=["OPTIONS"]),
            Route("/polls/{poll}/results", routes.poll_results, methods=["GET"]),
            Route("/polls/{poll}/suggestions", routes.poll_suggestions, methods=["GET"]),
            Route("/views", view_beacon, methods=["POST"]),
            Route("/views.gif", view_pixel, methods=["GET"]),
            Route("/health", routes.health, methods=["GET"]),
            Route("/openapi.json", routes.openapi, methods=["GET"]),
            *COMMENT_ROUTES,
        ],
        lifespan=partial(lifespan, settings, comments=comments, notifier=notifier),
    )
