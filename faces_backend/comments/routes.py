"""The comment routes, added to the app in one piece (app.py)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from faces_backend.comments.endpoints import (
    comment_stamp,
    live_comments,
    pow_script,
    report_comment,
    withdraw_comment,
)
from faces_backend.comments.moderation import moderation_routes
from faces_backend.comments.state import comments_of
from faces_backend.comments.submit import submit_comment


async def preflight(request: Request) -> Response:
    """Answer a CORS preflight for the comment posts: the allowed origin echoed, or 403."""
    headers = comments_of(request).services.origins.preflight_headers(request.headers)
    if headers is None:
        return Response(status_code=403, headers={"Cache-Control": "no-store"})
    return Response(status_code=204, headers=headers)


def comment_routes(stylesheets: Sequence[str] = ()) -> list[BaseRoute]:
    """Return the comment routes: reader endpoints, moderation page, reply-mail links."""
    return [
        Route("/comments", submit_comment, methods=["POST"]),
        Route("/comments", preflight, methods=["OPTIONS"]),
        Route("/comments/stamp", comment_stamp, methods=["GET"]),
        Route("/comments/pow.js", pow_script, methods=["GET"]),
        Route("/comments/withdraw/{id}", withdraw_comment, methods=["GET", "POST"]),
        Route("/comments/{id}/report", report_comment, methods=["POST"]),
        Route("/comments/{thread:path}", live_comments, methods=["GET"]),
        *moderation_routes(),
    ]
