"""Settings of the poll backend, read from `FACES_*` environment variables.

One piece past 300 lines: each variable's help text, its field and its parser with the
one-line error are read and changed together.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from babel import Locale, UnknownLocaleError

from faces_backend.http.origins import normalize_origin

log = logging.getLogger("faces_backend")

VoterMode = Literal["public", "header"]
Language = Literal["de", "en"]

MIN_SECRET_CHARS = 32
# A cap per address below this would lock out readers who share an office address.
MIN_BALLOTS_PER_ADDRESS = 20
DEFAULT_RATE_LIMIT = 600
# The site's default I18N_LOCALE (pelicanconf.py), so both print "52%" alike.
DEFAULT_LOCALE = "de_CH"
DEFAULT_STYLESHEETS = ("/theme/css/site.css", "/theme/css/polls.css")


class ConfigError(ValueError):
    """A setting has a value the backend cannot start with; the message is one line."""


class SettingHelp(NamedTuple):
    """One environment variable: its name, its default as text and what it does."""

    name: str
    default: str
    help: str


# The operator's reference: docs/backend.md lists each of these (a test checks it).
SETTINGS: tuple[SettingHelp, ...] = (
    SettingHelp("FACES_DB", "polls.sqlite3", "Path of the SQLite database file."),
    SettingHelp(
        "FACES_MANIFEST",
        "(required)",
        "Path or http(s) URL of the poll manifest written by the site build.",
    ),
    SettingHelp(
        "FACES_ALLOWED_ORIGINS",
        "(required; dev: http://localhost:8000,http://127.0.0.1:8000)",
        "Comma-separated origins (scheme://host[:port]) whose pages may post votes.",
    ),
    SettingHelp(
        "FACES_SECRET",
        "(required; dev: random)",
        f"Server secret for the voter HMACs, at least {MIN_SECRET_CHARS} characters.",
    ),
    SettingHelp("FACES_DEV", "0", "1 = development mode: a random secret, localhost origins."),
    SettingHelp("FACES_DEBUG", "0", "1 = show tracebacks for start-up errors and in answers."),
    SettingHelp(
        "FACES_VOTER_MODE",
        "public",
        "public = cookie plus daily IP hash; header = trusted header from the company SSO.",
    ),
    SettingHelp(
        "FACES_VOTER_HEADER",
        "X-Remote-User",
        "Header set by the SSO proxy with the user's id (voter mode header only).",
    ),
    SettingHelp(
        "FACES_TRUST_PROXY",
        "0",
        "Number of reverse proxies in front whose X-Forwarded-For/-Proto entries are trusted.",
    ),
    SettingHelp(
        "FACES_RATE_LIMIT",
        str(DEFAULT_RATE_LIMIT),
        "Posts per minute allowed per client address; generous, as an office shares one address.",
    ),
    SettingHelp("FACES_MAX_BODY", "16384", "Largest accepted request body in bytes."),
    SettingHelp(
        "FACES_IP_LIMIT",
        "0",
        "0 = one vote per cookie only; N (at least 20) = also at most N ballots per poll, "
        "address and day (public mode).",
    ),
    SettingHelp(
        "FACES_LANGUAGE",
        "de (en if FACES_LOCALE is en_*)",
        "Language of the messages and answer pages readers see: de or en.",
    ),
    SettingHelp(
        "FACES_LOCALE",
        DEFAULT_LOCALE,
        "The site's Babel locale (as for the build); the answer page prints numbers like the site.",
    ),
    SettingHelp(
        "FACES_STYLESHEETS",
        ",".join(DEFAULT_STYLESHEETS),
        "Comma-separated stylesheets of the site for the answer page (paths on the site's origin).",
    ),
    SettingHelp(
        "FACES_ALLOW_MISSING_ORIGIN",
        "0",
        "1 = accept posts with neither Origin nor Sec-Fetch-Site (e.g. curl); 0 = refuse (403).",
    ),
    SettingHelp(
        "FACES_VIEWS_MANIFEST",
        "(unset: views are not counted)",
        "Path or http(s) URL of the reach manifest written by the site build.",
    ),
    SettingHelp(
        "FACES_VIEWS_WINDOW",
        "1800",
        "Seconds in which a client's repeated views of one page count once (kept in memory).",
    ),
    SettingHelp(
        "FACES_VIEWS_RATE_LIMIT",
        "60",
        "Counted page views per minute allowed per client (in memory); 429 above.",
    ),
)

_DEV_ORIGINS = ("http://localhost:8000", "http://127.0.0.1:8000")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class Settings:
    """Everything the backend is configured with; built once at start-up."""

    manifest: str = ""
    db_path: Path = Path("polls.sqlite3")
    allowed_origins: tuple[str, ...] = ()
    secret: bytes = field(default=b"", repr=False)
    dev: bool = False
    debug: bool = False
    voter_mode: VoterMode = "public"
    voter_header: str = "X-Remote-User"
    trust_proxy: int = 0
    rate_limit: int = DEFAULT_RATE_LIMIT
    max_body: int = 16 * 1024
    ip_limit: int = 0  # ballots per poll, address and day; 0 = no cap
    allow_missing_origin: bool = False
    views_manifest: str = ""
    views_window: int = 1800
    views_rate_limit: int = 60
    language: Language = "de"
    locale: str = DEFAULT_LOCALE
    stylesheets: tuple[str, ...] = DEFAULT_STYLESHEETS

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, for_server: bool = True) -> Settings:
        """Read the settings; `for_server=False` (CLI data commands) needs no secret or origins."""
        dev = _boolean(environ, "FACES_DEV")
        manifest = environ.get("FACES_MANIFEST", "").strip()
        if for_server:
            require_manifest(manifest)
        settings = cls(
            manifest=manifest,
            db_path=Path(environ.get("FACES_DB", "polls.sqlite3")),
            allowed_origins=_origins(environ, dev=dev, required=for_server),
            secret=_secret(environ, dev=dev, required=for_server),
            dev=dev,
            debug=_boolean(environ, "FACES_DEBUG"),
            voter_mode=_voter_mode(environ),
            voter_header=_voter_header(environ),
            trust_proxy=_whole_number(
                environ, "FACES_TRUST_PROXY", 0, 0, "the number of trusted reverse proxies, e.g. 1"
            ),
            rate_limit=_whole_number(
                environ,
                "FACES_RATE_LIMIT",
                DEFAULT_RATE_LIMIT,
                1,
                f"a whole number of requests per minute, e.g. {DEFAULT_RATE_LIMIT}",
            ),
            max_body=_whole_number(
                environ, "FACES_MAX_BODY", 16384, 256, "a size in bytes of at least 256, e.g. 16384"
            ),
            ip_limit=_ip_limit(environ),
            allow_missing_origin=_boolean(environ, "FACES_ALLOW_MISSING_ORIGIN"),
            views_manifest=environ.get("FACES_VIEWS_MANIFEST", "").strip(),
            views_window=_whole_number(
                environ,
                "FACES_VIEWS_WINDOW",
                1800,
                1,
                "a number of seconds of at least 1, e.g. 1800",
            ),
            views_rate_limit=_whole_number(
                environ,
                "FACES_VIEWS_RATE_LIMIT",
                60,
                1,
                "a whole number of views per minute, e.g. 60",
            ),
            language=_language(environ),
            locale=_locale(environ),
            stylesheets=_stylesheets(environ),
        )
        if dev and for_server and not environ.get("FACES_SECRET"):
            log.warning(
                "faces_backend: FACES_SECRET is not set; using a random secret (FACES_DEV=1). "
                "Voters can vote again after a restart."
            )
        return settings


def require_manifest(manifest: str) -> str:
    """Return the manifest location, or fail with the message for FACES_MANIFEST unset."""
    if not manifest:
        raise ConfigError(
            "FACES_MANIFEST is not set. Expected the path or http(s) URL of the poll "
            "manifest written by the site build, e.g. output/polls/manifest.json."
        )
    return manifest


def _boolean(environ: Mapping[str, str], name: str, *, default: bool = False) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} has value {raw!r}. Expected 1 or 0 (or true/false, yes/no, on/off).")


def _whole_number(
    environ: Mapping[str, str], name: str, default: int, minimum: int, expected: str
) -> int:
    raw = environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise ConfigError(f"{name} has value {raw!r}. Expected {expected}.")
    return value


def _origins(environ: Mapping[str, str], *, dev: bool, required: bool) -> tuple[str, ...]:
    raw = environ.get("FACES_ALLOWED_ORIGINS", "")
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if not parts:
        if dev:
            return _DEV_ORIGINS
        if required:
            raise ConfigError(
                "FACES_ALLOWED_ORIGINS is not set. Expected the comma-separated origins of the "
                "blog, e.g. https://blog.example.com (or set FACES_DEV=1 for localhost)."
            )
        return ()
    origins = []
    for part in parts:
        origin = normalize_origin(part)
        if origin is None or origin != part.rstrip("/").lower():
            raise ConfigError(
                f"FACES_ALLOWED_ORIGINS has value {raw!r}. Entry {part!r} is not an origin: "
                "expected scheme://host[:port] without a path, e.g. https://blog.example.com."
            )
        origins.append(origin)
    return tuple(origins)


def _secret(environ: Mapping[str, str], *, dev: bool, required: bool) -> bytes:
    raw = environ.get("FACES_SECRET", "")
    hint = "e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
    if not raw:
        if dev or not required:
            return secrets.token_bytes(32)
        raise ConfigError(f"FACES_SECRET is not set. Expected a random string, {hint}.")
    if len(raw) < MIN_SECRET_CHARS:
        # The value itself is never repeated in a message.
        raise ConfigError(
            f"FACES_SECRET has {len(raw)} characters. Expected at least {MIN_SECRET_CHARS}, {hint}."
        )
    return raw.encode("utf-8")


def _voter_mode(environ: Mapping[str, str]) -> VoterMode:
    raw = environ.get("FACES_VOTER_MODE", "public")
    value = raw.strip().lower()
    if value == "public":
        return "public"
    if value == "header":
        return "header"
    raise ConfigError(
        f"FACES_VOTER_MODE has value {raw!r}. Expected public (cookie and IP) or header (SSO)."
    )


def _voter_header(environ: Mapping[str, str]) -> str:
    raw = environ.get("FACES_VOTER_HEADER", "X-Remote-User")
    value = raw.strip()
    if not value or not all(c.isalnum() or c == "-" for c in value):
        raise ConfigError(
            f"FACES_VOTER_HEADER has value {raw!r}. Expected a header name, e.g. X-Remote-User."
        )
    return value


def _ip_limit(environ: Mapping[str, str]) -> int:
    raw = environ.get("FACES_IP_LIMIT")
    if raw is None or raw.strip().lower() in _FALSE:
        return 0
    value = raw.strip()
    if not value.isdigit() or int(value) < MIN_BALLOTS_PER_ADDRESS:
        raise ConfigError(
            f"FACES_IP_LIMIT has value {raw!r}. A small limit per address locks out everyone "
            "who shares an office address. Expected 0 (one vote per cookie only, the default) "
            f"or at least {MIN_BALLOTS_PER_ADDRESS} ballots per poll, address and day, e.g. 200."
        )
    return int(value)


def _language(environ: Mapping[str, str]) -> Language:
    raw = environ.get("FACES_LANGUAGE")
    if raw is None:
        # Unset: the site's own interface language (pelicanconf.py reads FACES_LOCALE).
        return "en" if environ.get("FACES_LOCALE", "").strip().lower()[:2] == "en" else "de"
    value = raw.strip().lower()
    if value in ("", "de"):
        return "de"
    if value == "en":
        return "en"
    raise ConfigError(f"FACES_LANGUAGE has value {raw!r}. Expected de (German) or en (English).")


def _locale(environ: Mapping[str, str]) -> str:
    raw = environ.get("FACES_LOCALE", "")
    if not raw.strip():
        return DEFAULT_LOCALE
    try:
        return str(Locale.parse(raw.strip()))
    except (ValueError, UnknownLocaleError):
        raise ConfigError(
            f"FACES_LOCALE has value {raw!r}. Not a locale Babel knows; expected the site's "
            "locale as in the build, e.g. de_CH, de_DE or en_GB."
        ) from None


def _stylesheets(environ: Mapping[str, str]) -> tuple[str, ...]:
    raw = environ.get("FACES_STYLESHEETS")
    if raw is None:
        return DEFAULT_STYLESHEETS
    sheets = tuple(part.strip() for part in raw.split(",") if part.strip())
    for sheet in sheets:
        if not sheet.startswith("/") or sheet.startswith("//") or not sheet.isprintable():
            raise ConfigError(
                f"FACES_STYLESHEETS has value {raw!r}. Entry {sheet!r} is not a path on the "
                "site's own origin: expected paths such as /theme/css/site.css, comma-separated."
            )
    return sheets
