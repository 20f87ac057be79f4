"""Which pages may post to the backend: the origin check and the CORS headers."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Preflight answers may be cached by the browser for this long (seconds).
PREFLIGHT_MAX_AGE = 600
NEXT_MAX_CHARS = 2048


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


def is_local_path(value: str) -> bool:
    """Return whether `value` is a path on the current origin (`/x`), never another host.

    `//host` and `/\\host` are read by browsers as another host; controls and spaces could
    split a header or hide a scheme.
    """
    return (
        value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and "\\" not in value
        and value.isprintable()
        and " " not in value
    )


class OriginPolicy:
    """Decides whether a request comes from, or a URL points to, one of the allowed origins."""

    def __init__(self, allowed: Iterable[str], *, allow_missing: bool) -> None:
        self.allowed = frozenset(allowed)
        self.allow_missing = allow_missing

    def request_allowed(self, headers: Headers) -> bool:
        """Return whether the request comes from an allowed page; `Referer` is never needed.

        A browser names the page's origin in `Origin`, or says `null` (e.g. under
        `Referrer-Policy: no-referrer`); then `Sec-Fetch-Site: same-origin` still proves
        the post came from a page on the backend's own origin (served under `/api`).
        """
        origin = headers.get("origin", "").strip()
        if origin and origin != "null":
            return normalize_origin(origin) in self.allowed
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site is not None:
            return fetch_site.strip().lower() == "same-origin"
        return not origin and self.allow_missing

    def url_allowed(self, url: str) -> bool:
        """Return whether an absolute URL (`_next`) points to an allowed origin."""
        return normalize_origin(url) in self.allowed

    def safe_next(self, url: str) -> str | None:
        """Return `_next` if it is a safe place to send the reader back to, else None.

        Safe: an http(s) URL on an allowed origin, or a path on the backend's own origin
        (a site built with a relative SITEURL, served with the backend under `/api`).
        """
        # Browsers read a backslash as `/`: `https://evil.example<backslash>@blog…` leaves the blog.
        if len(url) > NEXT_MAX_CHARS or not url.isprintable() or " " in url or "\\" in url:
            return None
        if is_local_path(url) or self.url_allowed(url):
            return url
        return None

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
