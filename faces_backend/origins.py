"""Which pages may post to the backend: the origin check and the CORS headers."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Preflight answers may be cached by the browser for this long (seconds).
PREFLIGHT_MAX_AGE = 600


def normalize_origin(url: str) -> str | None:
    """Return `scheme://host[:port]` of an http(s) URL (default port dropped), or None."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host or parts.username or parts.password:
        return None
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


class OriginPolicy:
    """Decides whether a request comes from, or a URL points to, one of the allowed origins."""

    def __init__(self, allowed: Iterable[str], *, allow_missing: bool) -> None:
        self.allowed = frozenset(allowed)
        self.allow_missing = allow_missing

    def request_origin(self, headers: Headers) -> str | None:
        """Return the origin the request claims: `Origin`, else the origin of `Referer`."""
        origin = headers.get("origin")
        if origin is not None:
            return origin.strip()
        referer = headers.get("referer")
        if referer is not None:
            return normalize_origin(referer) or referer.strip()
        return None

    def request_allowed(self, headers: Headers) -> bool:
        """Return whether the request comes from an allowed page."""
        claimed = self.request_origin(headers)
        if claimed is None:
            return self.allow_missing
        return normalize_origin(claimed) in self.allowed

    def url_allowed(self, url: str) -> bool:
        """Return whether an absolute URL (`_next`) points to an allowed origin."""
        return normalize_origin(url) in self.allowed

    def cors_headers(self, headers: Headers) -> dict[str, str]:
        """Return CORS headers echoing the request's `Origin` if it is allowed, else none."""
        origin = headers.get("origin")
        if origin is None or normalize_origin(origin) not in self.allowed:
            return {}
        return {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Credentials": "true",
            "Vary": "Origin",
        }

    def preflight_headers(self, headers: Headers) -> dict[str, str] | None:
        """Return the answer headers of an allowed CORS preflight for /vote, or None."""
        cors = self.cors_headers(headers)
        if not cors:
            return None
        return {
            **cors,
            "Access-Control-Allow-Methods": "POST, OPTIONS",
            "Access-Control-Allow-Headers": "Accept, Content-Type",
            "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE),
        }
