"""Who may use the moderation pages: a signed session cookie after the token login, or SSO.

One login serves every moderation page (comments, stories): the cookie's path is
`/moderation` below the backend's root.

The cookie holds `<expires>.<nonce>.<mac>`; the MAC key is derived from FACES_SECRET and
the moderation token, so changing the token ends every session. The per-session CSRF token
is an HMAC of the nonce: forms carry it, and a post without the matching one is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from faces_backend.http.identity import profile_slug

COOKIE = "faces_moderation"
COOKIE_PATH = "/moderation"
SESSION_SECONDS = 8 * 60 * 60


@dataclass(frozen=True)
class Moderator:
    """A signed-in user of the page: a moderator (all actions) or only a post author."""

    csrf: str
    can_decide: bool  # approve and reject; authors signed in by SSO may only reply
    profile: str | None  # set when signed in by SSO: replies are this person's


class Sessions:
    """Issues and checks moderation sessions."""

    def __init__(
        self,
        secret: bytes,
        token: str,
        moderators: tuple[str, ...],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        token_digest = hashlib.sha256(token.encode("utf-8")).digest()
        self._key = hmac.new(secret, b"moderation:" + token_digest, hashlib.sha256).digest()
        self._token = token
        self._moderators = moderators
        self._clock = clock

    def token_matches(self, offered: str) -> bool:
        """Return whether the login token is the configured one (constant time)."""
        expected = self._token
        return bool(expected) and hmac.compare_digest(
            offered.encode("utf-8"), expected.encode("utf-8")
        )

    def issue(self) -> str:
        """Return a fresh session cookie value."""
        body = f"{int(self._clock()) + SESSION_SECONDS}.{secrets.token_urlsafe(16)}"
        return f"{body}.{self._mac(body)}"

    def from_cookie(self, value: str) -> Moderator | None:
        """Return the moderator of a valid, unexpired session cookie, else None."""
        if not self._token or value.count(".") != 2 or len(value) > 200:
            return None
        expires, nonce, mac = value.split(".")
        body = f"{expires}.{nonce}"
        if not hmac.compare_digest(mac, self._mac(body)) or not expires.isdigit():
            return None
        if int(expires) < self._clock():
            return None
        return Moderator(self._mac(f"csrf:{nonce}"), can_decide=True, profile=None)

    def from_sso(self, user: str, authors: set[str]) -> Moderator | None:
        """Return the moderator of an SSO user: listed moderators decide, authors reply."""
        profile = profile_slug(user)
        csrf = self._mac(f"csrf-sso:{user}")  # no session to bind to: bound to the user
        if user in self._moderators:
            return Moderator(csrf, can_decide=True, profile=profile)
        if profile is not None and profile in authors:
            return Moderator(csrf, can_decide=False, profile=profile)
        return None

    def _mac(self, body: str) -> str:
        return hmac.new(self._key, body.encode("utf-8"), hashlib.sha256).hexdigest()
