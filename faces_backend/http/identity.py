"""Who is voting: a voter id (SSO header or cookie) and the client's IP, both only as HMACs."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from starlette.requests import Request

from faces_backend.http.settings import Settings

COOKIE_NAME = "faces_voter"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")

SaltSource = Callable[[str], Awaitable[bytes]]


@dataclass(frozen=True)
class Voter:
    """The identity of one request, ready for storage and rate limiting."""

    voter_hash: str | None  # None: header mode and the SSO header is missing
    ip_hash: str | None  # for the ballots-per-address-and-day cap; None when not applied
    client_key: str  # rate-limit key: the hashed client IP
    new_cookie: str | None  # a fresh cookie token to set on the answer
    secure: bool  # the request came over https (cookie gets `Secure`)


def today() -> str:
    """Return today's date (UTC) as stored in `created_day`."""
    return datetime.now(UTC).date().isoformat()


def _hmac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


class VoterIdentity:
    """Derives the Voter of a request according to the voter mode and proxy settings."""

    def __init__(
        self, settings: Settings, salt_of_day: SaltSource, *, day: Callable[[], str] = today
    ) -> None:
        self.settings = settings
        self._salt_of_day = salt_of_day
        self._day = day
        self._salt: tuple[str, bytes] | None = None

    def client_ip(self, request: Request) -> str:
        """Return the client address: the socket peer, or X-Forwarded-For behind a trusted proxy."""
        hops = self.settings.trust_proxy
        if hops:
            entries = [
                entry.strip()
                for header in request.headers.getlist("x-forwarded-for")
                for entry in header.split(",")
                if entry.strip()
            ]
            if len(entries) >= hops:
                return entries[-hops]
        return request.client.host if request.client else "unknown"

    def is_https(self, request: Request) -> bool:
        """Return whether the reader's browser used https (X-Forwarded-Proto if trusted)."""
        if self.settings.trust_proxy:
            forwarded = request.headers.get("x-forwarded-proto")
            if forwarded:
                return forwarded.split(",")[-1].strip().lower() == "https"
        return request.url.scheme == "https"

    async def ip_hash(self, request: Request) -> str:
        """Return HMAC(client IP) under today's random salt; the IP itself is never kept."""
        day = self._day()
        if self._salt is None or self._salt[0] != day:
            self._salt = (day, await self._salt_of_day(day))
        return _hmac(self._salt[1], self.client_ip(request))

    async def identify(self, request: Request, *, issue_cookie: bool = True) -> Voter:
        """Return the Voter of a request; in public mode a new cookie if it has none."""
        ip_hash = await self.ip_hash(request)
        secure = self.is_https(request)
        if self.settings.voter_mode == "header":
            user = request.headers.get(self.settings.voter_header, "").strip()
            voter_hash = _hmac(self.settings.secret, f"header:{user}") if user else None
            return Voter(voter_hash, None, ip_hash, None, secure)
        token: str | None = request.cookies.get(COOKIE_NAME, "")
        new_cookie = None
        if token is None or not _TOKEN.fullmatch(token):
            token = new_cookie = secrets.token_urlsafe(32) if issue_cookie else None
        voter_hash = _hmac(self.settings.secret, f"cookie:{token}") if token else None
        limited_ip = ip_hash if self.settings.ip_limit else None
        return Voter(voter_hash, limited_ip, ip_hash, new_cookie, secure)


def profile_slug(user: str) -> str | None:
    """Return the profile slug of an SSO user id: `DOMAIN\\anna.muster` -> `anna-muster`."""
    local = user.rsplit("\\", 1)[-1].split("@", 1)[0].lower()
    slug = re.sub(r"[^a-z0-9]+", "-", local).strip("-")[:64]
    return slug or None
