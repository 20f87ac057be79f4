"""Turning the outcome of a vote post into the answer: JSON, a 303 redirect or a small page."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from faces_backend.manifest import ID_PATTERN

STATUS_CODES: dict[str, int] = {
    "counted": 201,
    "suggestion_queued": 202,
    "malformed": 400,
    "origin_not_allowed": 403,
    "not_signed_in": 403,
    "unknown_poll": 404,
    "already_voted": 409,
    "closed": 410,
    "too_large": 413,
    "invalid": 422,
    "rate_limited": 429,
    "unavailable": 503,
}

NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True)
class Answer:
    """What to tell the reader: a status word, the poll, a German message, maybe results."""

    status: str
    poll: str | None
    message: str
    results: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    retry_after: int | None = None
    back_url: str | None = None

    @property
    def code(self) -> int:
        """Return the HTTP status code of the status word."""
        return STATUS_CODES[self.status]

    def body(self) -> dict[str, Any]:
        """Return the JSON body."""
        return {
            "status": self.status,
            "poll": self.poll,
            "message": self.message,
            "results": self.results,
            **self.extra,
        }


def prefers_json(accept: str) -> bool:
    """Return whether an Accept header ranks application/json above text/html.

    Each type takes the quality of its most specific matching range; on equal quality the
    more specific mention wins, and on a full tie (`*/*`) the answer is HTML.
    """
    best: dict[str, tuple[float, int]] = {"json": (0.0, -1), "html": (0.0, -1)}
    ranges = {
        "application/json": ("json", 2),
        "application/*": ("json", 1),
        "text/html": ("html", 2),
        "text/*": ("html", 1),
    }
    for item in accept.split(","):
        media, _, params = item.strip().partition(";")
        media = media.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        matches = [ranges[media]] if media in ranges else []
        if media == "*/*":
            matches = [("json", 0), ("html", 0)]
        for kind, specificity in matches:
            if specificity > best[kind][1]:
                best[kind] = (quality, specificity)
    return best["json"][0] > 0 and best["json"] > best["html"]


def redirect_target(next_url: str, status: str, poll: str | None) -> str:
    """Return `_next` with `poll_status` and `poll` in its query, `#poll-<id>-<status>` as fragment.

    The fragment names an element the page renders for each status, so a reader without
    JavaScript sees the outcome through CSS `:target`.
    """
    parts = urlsplit(next_url)
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name not in ("poll_status", "poll")
    ]
    query.append(("poll_status", status))
    fragment = parts.fragment
    if poll is not None and ID_PATTERN.fullmatch(poll):
        query.append(("poll", poll))
        fragment = f"poll-{poll}-{status}"
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), fragment))


def render(
    answer: Answer, *, want_json: bool, next_url: str | None, headers: dict[str, str]
) -> Response:
    """Return the HTTP response for an answer (JSON, 303 to `_next`, or a small HTML page)."""
    headers = {**NO_STORE, **headers}
    if answer.retry_after is not None:
        headers["Retry-After"] = str(answer.retry_after)
    if want_json:
        return JSONResponse(answer.body(), status_code=answer.code, headers=headers)
    if next_url is not None:
        target = redirect_target(next_url, answer.status, answer.poll)
        return RedirectResponse(target, status_code=303, headers=headers)
    return HTMLResponse(page(answer), status_code=answer.code, headers=headers)


def page(answer: Answer) -> str:
    """Return the small German HTML page shown when there is nowhere to redirect to."""
    back = ""
    if answer.back_url:
        back = f'\n<p><a href="{html.escape(answer.back_url)}">Zurück zum Beitrag</a></p>'
    return (
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Abstimmung</title>\n</head>\n<body>\n"
        f"<h1>Abstimmung</h1>\n<p>{html.escape(answer.message)}</p>{back}\n</body>\n</html>\n"
    )
