"""POST /views and GET /views.gif: one page view, counted as an aggregate or not at all.

The page's script posts `?p=<page path>` (no body, no cookie); without JavaScript a 1x1
image asks for `/views.gif?p=<page path>`. The answer comes at once: the view is only added
to the in-memory counter, which the writer stores once a second (view_counter.py).

A backend without a reach manifest answers every view 204 and counts nothing. Otherwise
the checks run in this order, and the first that fails answers: query or body too large
(414, 413), an `Origin` that is not the blog's (403), `p` missing, repeated or malformed
(400), a path not in the reach manifest (404). Then a well-formed view of a known page is
answered as a success but not counted when the browser asks not to be tracked (`DNT: 1`,
`Sec-GPC: 1`), when the user agent is a bot, for HEAD requests, and when the same client
viewed the same page within the window; a client over its per-minute budget gets 429, and
while the database that keeps the shared window (PostgreSQL) is away the answer is 503.
The `Reach-Status` header says which of these applied.
"""

from __future__ import annotations

import base64
import logging
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from faces_backend.http.bots import is_bot
from faces_backend.http.gate import screen_beacon
from faces_backend.http.identity import today
from faces_backend.store import UNAVAILABLE
from faces_backend.views.manifest import is_page_path
from faces_backend.views.state import views_of

log = logging.getLogger("faces_backend")
# While the database is away (the shared window lives there), when to report again.
UNAVAILABLE_RETRY_AFTER_S = 5

QUERY_MAX_BYTES = 1024
BODY_MAX_BYTES = 1024
# A transparent 1x1 GIF, the smallest image every browser shows without complaint.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")

# Answered like a counted view: the page has no reason to care, and a 4xx would only put
# noise into readers' consoles ("disabled": this backend has no FACES_VIEWS_MANIFEST).
NOT_COUNTED = (
    "disabled",
    "do_not_track",
    "global_privacy_control",
    "bot",
    "head_request",
    "repeat",
)
STATUS_CODES: dict[str, int] = {
    "counted": 204,
    **dict.fromkeys(NOT_COUNTED, 204),
    "malformed": 400,
    "origin_not_allowed": 403,
    "unknown_path": 404,
    "too_large": 413,
    "query_too_long": 414,
    "rate_limited": 429,
    "unavailable": 503,
}
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


async def view_beacon(request: Request) -> Response:
    """Count a view reported by the page's script: 204 when accepted, else 4xx."""
    status = await decide(request)
    headers = {**HEADERS, "Reach-Status": status}
    code = STATUS_CODES[status]
    if code == 204:
        return Response(status_code=204, headers=headers)
    return _refusal(request, status, code, headers)


async def view_pixel(request: Request) -> Response:
    """Count a view reported by the `<noscript>` image: the 1x1 GIF when accepted, else 4xx."""
    status = await decide(request)
    headers = {**HEADERS, "Reach-Status": status}
    code = STATUS_CODES[status]
    if code == 204:
        return Response(PIXEL, media_type="image/gif", headers=headers)
    return _refusal(request, status, code, headers)


async def decide(request: Request) -> str:
    """Check one view request, count it if it counts; return its status word."""
    feature = views_of(request)
    views = feature.counting
    if views is None:
        return "disabled"
    query: bytes = request.scope.get("query_string", b"")
    if len(query) > QUERY_MAX_BYTES:
        return "query_too_long"
    refusal = await screen_beacon(request, feature.services, max_body=BODY_MAX_BYTES)
    if refusal is not None:
        return refusal.status
    path = _page_path(query)
    if path is None:
        return "malformed"
    if path not in views.manifest.current().paths:
        return "unknown_path"
    headers = request.headers
    if headers.get("dnt", "").strip() == "1":
        return "do_not_track"
    if headers.get("sec-gpc", "").strip() == "1":
        return "global_privacy_control"
    user_agent = headers.get("user-agent", "")
    if is_bot(user_agent):
        return "bot"
    if request.method == "HEAD":
        return "head_request"
    identity = feature.services.identity
    window = views.window
    # Shared by instances, the window needs a client hash that is the same on every instance.
    client = await identity.ip_hash(request) if window.shared else identity.client_ip(request)
    try:
        outcome = await window.judge(client, user_agent, path)
    except UNAVAILABLE:
        log.exception("faces_backend: the database failed while a view was decided")
        return "unavailable"
    if outcome == "counted":
        views.counter.add(path, today())
    return outcome


def _page_path(query: bytes) -> str | None:
    try:
        fields = parse_qsl(query.decode("ascii"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    values = [value for name, value in fields if name == "p"]
    if len(values) != 1 or not is_page_path(values[0]):
        return None
    return values[0]


def _refusal(request: Request, status: str, code: int, headers: dict[str, str]) -> Response:
    views = views_of(request).counting
    if status == "rate_limited" and views is not None:
        headers["Retry-After"] = str(views.window.budget_resets_in())
    if status == "unavailable":
        headers["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER_S)
    return JSONResponse({"status": status}, status_code=code, headers=headers)


ROUTES: tuple[BaseRoute, ...] = (
    Route("/views", view_beacon, methods=["POST"]),
    Route("/views.gif", view_pixel, methods=["GET"]),
)
