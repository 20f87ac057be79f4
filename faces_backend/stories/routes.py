"""The story routes, added to the app in one piece (app.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from faces_backend.stories.moderation import moderation_routes
from faces_backend.stories.state import stories_of
from faces_backend.stories.submit import story_stamp, submit_story


async def preflight(request: Request) -> Response:
    """Answer a CORS preflight for the story post: the allowed origin echoed, or 403."""
    headers = stories_of(request).services.origins.preflight_headers(request.headers)
    if headers is None:
        return Response(status_code=403, headers={"Cache-Control": "no-store"})
    return Response(status_code=204, headers=headers)


def story_routes() -> list[BaseRoute]:
    """Return the story routes: the form post, its stamp, the editors' queue page."""
    return [
        Route("/stories", submit_story, methods=["POST"]),
        Route("/stories", preflight, methods=["OPTIONS"]),
        Route("/stories/stamp", story_stamp, methods=["GET"]),
        *moderation_routes(),
    ]
