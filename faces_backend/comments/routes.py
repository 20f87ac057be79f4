"""The comment routes, added to the app in one piece (app.py)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.convertors import PathConvertor, register_url_convertor
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
from faces_backend.comments.notify import CommentNotifier, subscription_routes
from faces_backend.comments.state import comments_of
from faces_backend.comments.submit import submit_comment
from faces_backend.http.settings import Language


class AnyPathConvertor(PathConvertor):
    """A path segment that may hold anything, line breaks too (Starlette's `path` stops there)."""

    regex = r"[\s\S]*"


# A thread id with an encoded line break must reach the handler and get its JSON 404,
# not fall through to the router's plain-text one.
register_url_convertor("anypath", AnyPathConvertor())


async def preflight(request: Request) -> Response:
    """Answer a CORS preflight for the comment posts: the allowed origin echoed, or 403."""
    headers = comments_of(request).services.origins.preflight_headers(request.headers)
    if headers is None:
        return Response(status_code=403, headers={"Cache-Control": "no-store"})
    return Response(status_code=204, headers=headers)


def running_notifier(request: Request) -> CommentNotifier | None:
    """Return the app's notifier for the reply-mail links; None while it sends no mails."""
    notifier = comments_of(request).notifier
    return notifier if isinstance(notifier, CommentNotifier) else None


def comment_routes(stylesheets: Sequence[str] = (), language: Language = "de") -> list[BaseRoute]:
    """Return the comment routes: reader endpoints, moderation page, reply-mail links."""
    return [
        # Before the live list, whose {thread:path} would also match these paths.
        *subscription_routes(running_notifier, stylesheets=stylesheets, language=language),
        Route("/comments", submit_comment, methods=["POST"]),
        Route("/comments", preflight, methods=["OPTIONS"]),
        Route("/comments/stamp", comment_stamp, methods=["GET"]),
        Route("/comments/pow.js", pow_script, methods=["GET"]),
        Route("/comments/withdraw/{id}", withdraw_comment, methods=["GET", "POST"]),
        Route("/comments/{id}/report", report_comment, methods=["POST"]),
        Route("/comments/{thread:anypath}", live_comments, methods=["GET"]),
        *moderation_routes(),
    ]
