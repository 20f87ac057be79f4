"""The defences every form post runs, written once: body, origin and `_next`, sign-in, rate.

A form's handler calls `screen_form` first and gets the decoded fields, the client, the
checked way back and the honeypot flag, or a `Refusal` it words in its own answer. The
honeypot is only reported, never refused: a bot must get what looks like a success, and
only the feature knows what its success looks like. A beacon (a page's script or image
reporting something, no form, no cookie) calls `screen_beacon` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from starlette.requests import Request

from faces_backend.http.forms import (
    BodyTooLarge,
    MalformedBody,
    decode_fields,
    decode_json_fields,
    read_body,
)
from faces_backend.http.identity import Voter
from faces_backend.http.origins import normalize_origin
from faces_backend.http.services import Services

RefusalStatus = Literal[
    "too_large", "malformed", "origin_not_allowed", "not_signed_in", "rate_limited"
]


@dataclass(frozen=True)
class Refusal:
    """Why the defences turned a post away: a status word; seconds to wait when rate limited."""

    status: RefusalStatus
    retry_after: int | None = None


@dataclass(frozen=True)
class Screened:
    """A form post after the defences: who sent it, its fields, and the refusal if one applies."""

    client: Voter
    fields: list[tuple[str, str]]  # empty when the body could not be read
    refusal: Refusal | None
    next_url: str | None  # `_next` if it leads back to the blog, else None
    honeypot: bool  # `_hp` filled in: a bot; answer as if it succeeded, store nothing
    # With `defer_rate_limit`: the client key whose rate-limit hit the caller still records.
    rate_key: str | None = None


def first_value(fields: list[tuple[str, str]], name: str) -> str | None:
    """Return the first value posted under `name`, or None."""
    return next((value for field, value in fields if field == name), None)


async def screen_form(
    request: Request,
    services: Services,
    *,
    max_body: int | None = None,
    accept_json: bool = False,
    own_pages: bool = False,
    defer_rate_limit: bool = False,
) -> Screened:
    """Run the defences on a form post, in the order that answers the cheapest check first.

    The body is read within `max_body` bytes (default FACES_MAX_BODY) and decoded (also a
    JSON object with `accept_json`); then the origin (and a posted `_next`) must be the
    blog's, or with `own_pages` a page the backend served itself; the reader must be signed
    in when the voter mode asks for it, and the client must be within the rate limit.
    With `defer_rate_limit` the last check is left to the caller (`Screened.rate_key`), who
    records the hit before it answers, or together with its write in one statement.
    """
    client = await services.identity.identify(request)
    limit = services.settings.max_body if max_body is None else max_body
    try:
        body = await read_body(request, limit)
        if not body:
            fields = []  # an empty post is a form without fields, whatever its type says
        elif accept_json and _media_type(request) == "application/json":
            fields = decode_json_fields(body)
        else:
            fields = await decode_fields(request, body)
    except BodyTooLarge:
        return Screened(client, [], Refusal("too_large"), None, False)
    except MalformedBody:
        return Screened(client, [], Refusal("malformed"), None, False)
    origins = services.origins
    posted_next = (first_value(fields, "_next") or "").strip() or None
    next_url = origins.safe_next(posted_next) if posted_next else None
    honeypot = bool(first_value(fields, "_hp"))
    next_refused = posted_next is not None and next_url is None
    refusal = await _refusal(
        request, services, client, next_refused, own_pages=own_pages, limit=not defer_rate_limit
    )
    rate_key = client.client_key if defer_rate_limit and refusal is None else None
    return Screened(client, fields, refusal, next_url, honeypot, rate_key)


def from_own_page(request: Request, services: Services) -> bool:
    """Return whether a post comes from a page the backend served itself (its own origin)."""
    origin = request.headers.get("origin", "").strip()
    if origin and origin != "null":
        scheme = "https" if services.identity.is_https(request) else "http"
        own = normalize_origin(f"{scheme}://{request.headers.get('host', '')}")
        return own is not None and normalize_origin(origin) == own
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.strip().lower() == "same-origin"
    return services.settings.allow_missing_origin


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _refusal(
    request: Request,
    services: Services,
    client: Voter,
    next_refused: bool,
    *,
    own_pages: bool,
    limit: bool,
) -> Refusal | None:
    allowed = services.origins.request_allowed(request.headers) or (
        own_pages and from_own_page(request, services)
    )
    if next_refused or not allowed:
        return Refusal("origin_not_allowed")
    if client.voter_hash is None:
        return Refusal("not_signed_in")
    if not limit:
        return None
    wait = await services.limiter.check(client.client_key)
    if wait is not None:
        return Refusal("rate_limited", retry_after=wait)
    return None


async def screen_beacon(request: Request, services: Services, *, max_body: int) -> Refusal | None:
    """Run a beacon's defences: a body within `max_body` bytes, and a sent Origin the blog's.

    A beacon without Origin passes (an image request has none); its own limits (a window
    per page and client) are the feature's.
    """
    if request.method == "POST" and request.headers.get("content-length") != "0":
        try:
            await read_body(request, max_body)
        except BodyTooLarge:
            return Refusal("too_large")
        except MalformedBody:
            return Refusal("malformed")
    origin = request.headers.get("origin")
    if origin is not None and normalize_origin(origin) not in services.origins.allowed:
        return Refusal("origin_not_allowed")
    return None
