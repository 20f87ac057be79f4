"""The two links in the opt-in mails: confirm and stop (one-click unsubscribe), as small pages.

`GET /comments/subscription/confirm?token=` and `GET|POST /comments/subscription/stop?token=`
(POST is RFC 8058's one-click unsubscribe that mail programs send). The token is the only
key; nothing is read from cookies or origins. Each answer is a short HTML page without
script, in the backend's language.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from faces_backend.comments.notify.mail import CONFIRM_PATH, STOP_PATH
from faces_backend.comments.notify.notifier import CommentNotifier
from faces_backend.comments.notify.texts import text
from faces_backend.comments.pages import PAGE_HEADERS
from faces_backend.http.setting_values import voice
from faces_backend.http.settings import Language
from faces_backend.store import UNAVAILABLE

log = logging.getLogger("faces_backend")

# None: this backend sends no reply mails, so no link can be known.
NotifierOf = Callable[[Request], CommentNotifier | None]
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,128}")
STATUS_CODES = {"confirmed": 200, "stopped": 200, "already": 409, "unknown": 404, "malformed": 400}
# The token is in the address: no page may pass it on in a Referer.
HEADERS = {**PAGE_HEADERS, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def subscription_routes(
    notifier_of: NotifierOf, *, stylesheets: Sequence[str] = (), language: Language = "de"
) -> list[Route]:
    """Return the routes of the two links, relative to the backend's root (mounted at /api).

    `language` words the pages while no notifier runs; else the notifier's language does.
    """
    look = _Look(tuple(stylesheets), language)
    confirm = partial(confirm_link, notifier_of=notifier_of, look=look)
    stop = partial(stop_link, notifier_of=notifier_of, look=look)
    return [
        Route(CONFIRM_PATH, confirm, methods=["GET"]),
        Route(STOP_PATH, stop, methods=["GET", "POST"]),
    ]


async def confirm_link(request: Request, *, notifier_of: NotifierOf, look: _Look) -> Response:
    """Confirm the opt-in of the link's token."""

    async def confirm(notifier: CommentNotifier, token: str) -> str:
        return await notifier.confirm(token)

    return await _answer(request, notifier_of, look, confirm, "confirming an opt-in")


async def stop_link(request: Request, *, notifier_of: NotifierOf, look: _Look) -> Response:
    """Delete the opt-ins of the link's token."""

    async def stop(notifier: CommentNotifier, token: str) -> str:
        return "stopped" if await notifier.stop(token) else "unknown"

    return await _answer(request, notifier_of, look, stop, "deleting an opt-in")


async def _answer(
    request: Request,
    notifier_of: NotifierOf,
    look: _Look,
    act: Callable[[CommentNotifier, str], Awaitable[str]],
    doing: str,
) -> Response:
    notifier = notifier_of(request)
    if notifier is not None:
        look = replace(look, language=notifier.settings.language, address=notifier.settings.address)
    token = _token(request)
    if token is None:
        return _page(look, "malformed")
    if notifier is None:
        return _page(look, "unknown")
    try:
        outcome = await act(notifier, token)
    except UNAVAILABLE:
        log.exception("faces_backend: notify: the database failed %s", doing)
        return _unavailable(look)
    return _page(look, outcome)


def _token(request: Request) -> str | None:
    values = request.query_params.getlist("token")
    if len(values) != 1 or not TOKEN.fullmatch(values[0]):
        return None
    return values[0]


@dataclass(frozen=True)
class _Look:
    stylesheets: tuple[str, ...]
    language: str
    address: str = "Sie"

    @property
    def voice(self) -> str:
        """The language of the pages with the site's form of address ("de@du")."""
        return voice("en" if self.language == "en" else "de", self.address)


def _unavailable(look: _Look) -> Response:
    message = {
        "en": "The service is unavailable right now. Please open the link again later.",
        "de": (
            "Der Dienst ist gerade nicht erreichbar. Bitte öffnen Sie den Link später noch einmal."
        ),
        "de@du": "Der Dienst ist gerade nicht erreichbar. Bitte öffne den Link später noch einmal.",
    }[look.voice]
    return _html(look, "unavailable", message, 503)


def _page(look: _Look, outcome: str) -> Response:
    message = text(look.voice, outcome)
    return _html(look, outcome, message, STATUS_CODES[outcome])


def _html(look: _Look, outcome: str, message: str, status: int) -> Response:
    language, sheets = look.language, look.stylesheets
    title = html.escape(text(look.voice, "page_title"))
    links = "".join(f'<link rel="stylesheet" href="{html.escape(s)}">\n' for s in sheets)
    kind = "ok" if status < 400 else "problem"
    body = (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n{links}</head>\n<body>\n"
        f'<main id="main" class="wrap subscription subscription--{outcome}">\n'
        f"<h1>{title}</h1>\n"
        f'<p class="subscription__message subscription__message--{kind}" role="status">'
        f"{html.escape(message)}</p>\n</main>\n</body>\n</html>\n"
    )
    return HTMLResponse(body, status_code=status, headers=HEADERS)
