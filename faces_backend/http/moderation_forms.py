"""What every moderation page does with a request: its root, its posted fields, the CSRF check.

The pages themselves (comments, stories) stay in their features; these are the steps they
share, so a post to either is read and refused the same way.
"""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import HTMLResponse

from faces_backend.http.forms import BodyTooLarge, MalformedBody, decode_fields, read_body
from faces_backend.http.gate import from_own_page
from faces_backend.http.moderation_session import Moderator
from faces_backend.http.pages import PAGE_HEADERS, page
from faces_backend.http.services import Services


def backend_root(request: Request) -> str:
    """Return the path the backend is served under, without a trailing slash."""
    root: str = request.scope.get("root_path", "")
    return root.rstrip("/")


async def posted_fields(request: Request, max_body: int) -> dict[str, str] | None:
    """Return the fields of a moderation form, or None when the body is too large or broken."""
    try:
        return dict(await decode_fields(request, await read_body(request, max_body)))
    except (BodyTooLarge, MalformedBody):
        return None


def is_forged(
    request: Request, services: Services, fields: dict[str, str], moderator: Moderator
) -> bool:
    """Return whether a post must be refused: from a foreign origin or without the CSRF token."""
    return not from_own_page(request, services) or not hmac.compare_digest(
        fields.get("csrf", ""), moderator.csrf
    )


def moderation_response(services: Services, title: str, body: str, status: int) -> HTMLResponse:
    """Return a moderation page (body already escaped HTML) in the backend's language."""
    settings = services.settings
    document = page(title, body, language=settings.language, stylesheets=settings.stylesheets)
    return HTMLResponse(document, status_code=status, headers=PAGE_HEADERS)
