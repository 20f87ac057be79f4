"""Signed form timestamps: a form proves when it was handed out, and is used only once.

A stamp is `<issued>.<nonce>.<bits>.<mac>`: the Unix time it was issued, a random nonce
(the key against replays, stored by the form's handler once used), the proof-of-work
difficulty asked for (0 = none) and an HMAC over all three with a key derived from the
backend's secret (FACES_SECRET). No reader data is in it. A bot that posts at once is
refused as too fast; a form left open for hours gets a fresh stamp from its page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

StampProblem = Literal["missing", "invalid", "too_fast", "expired"]
STAMP_MAX_CHARS = 200
_SHAPE = re.compile(r"(\d{1,12})\.([A-Za-z0-9_-]{16,32})\.(\d{1,2})\.([A-Za-z0-9_-]{43})")


@dataclass(frozen=True)
class Stamp:
    """A stamp whose signature checked out: when it was issued, its nonce, its difficulty."""

    text: str
    issued: int
    nonce: str
    pow_bits: int


class StampRefused(Exception):
    """A stamp cannot be accepted; `problem` says why."""

    def __init__(self, problem: StampProblem) -> None:
        super().__init__(problem)
        self.problem = problem


class FormStamps:
    """Issues and checks the stamps of one purpose (e.g. comments) under the backend secret."""

    def __init__(
        self,
        secret: bytes,
        purpose: str,
        *,
        min_seconds: float,
        max_seconds: float,
        pow_bits: int = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        # A key per purpose: a stamp issued for one form never passes another's check.
        self._key = hmac.new(secret, f"form-stamp:{purpose}".encode(), hashlib.sha256).digest()
        self.min_seconds = min_seconds
        self.max_seconds = max_seconds
        self.pow_bits = pow_bits
        self._clock = clock

    def issue(self) -> str:
        """Return a fresh stamp for a form handed out now."""
        body = f"{int(self._clock())}.{secrets.token_urlsafe(16)}.{self.pow_bits}"
        return f"{body}.{self._mac(body)}"

    def check(self, text: str | None) -> Stamp:
        """Return the stamp if it is genuine, not too young and not too old; else raise."""
        if not text:
            raise StampRefused("missing")
        match = _SHAPE.fullmatch(text) if len(text) <= STAMP_MAX_CHARS else None
        if match is None:
            raise StampRefused("invalid")
        issued, nonce, bits, mac = match.groups()
        if not hmac.compare_digest(mac, self._mac(f"{issued}.{nonce}.{bits}")):
            raise StampRefused("invalid")
        age = self._clock() - int(issued)
        if age < self.min_seconds:
            raise StampRefused("too_fast")
        if age > self.max_seconds:
            raise StampRefused("expired")
        return Stamp(text, int(issued), nonce, int(bits))

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
