"""The comment routes, added to the app in one piece (app.py)."""

from __future__ import annotations

from starlette.routing import Route

from faces_backend import routes
from faces_backend.comments.endpoints import (
    comment_stamp,
    live_comments,
    pow_script,
    report_comment,
    withdraw_comment,
)
from faces_backend.comments.moderation import moderation_routes
from faces_backend.comments.submit import submit_comment

COMMENT_ROUTES = [
    Route("/comments", submit_comment, methods=["POST"]),
    Route("/comments", routes.preflight, methods=["OPTIONS"]),
    Route("/comments/stamp", comment_stamp, methods=["GET"]),
    Route("/comments/pow.js", pow_script, methods=["GET"]),
    Route("/comments/withdraw/{id}", withdraw_comment, methods=["GET", "POST"]),
    Route("/comments/{id}/report", report_comment, methods=["POST"]),
    Route("/comments/{thread:path}", live_comments, methods=["GET"]),
    *moderation_routes(),
]
