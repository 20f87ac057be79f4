"""Reading one `FACES_*` variable each: the parsers and their one-line errors."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from babel import Locale, UnknownLocaleError

from faces_backend.http.origins import normalize_origin
from faces_backend.http.setting_help import (
    DEFAULT_LOCALE,
    DEFAULT_STYLESHEETS,
    FORM_MAX_SECONDS,
    FORM_MIN_SECONDS,
    MIN_BALLOTS_PER_ADDRESS,
    MIN_SECRET_CHARS,
    NumberSetting,
)

VoterMode = Literal["public", "header"]
Language = Literal["de", "en"]
# The texts of a language in a form of address: German "Sie" ("de"), German "du", English.
Voice = Literal["de", "de@du", "en"]

DEV_ORIGINS = ("http://localhost:8000", "http://127.0.0.1:8000")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting has a value the backend cannot start with; the message is one line."""


def boolean(environ: Mapping[str, str], name: str, *, default: bool = False) -> bool:
    """Return a yes/no variable (1/0, true/false, yes/no, on/off); unset gives `default`."""
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(f"{name} has value {raw!r}. Expected 1 or 0 (or true/false, yes/no, on/off).")


def whole_number(
    environ: Mapping[str, str], name: str, default: int, minimum: int, expected: str
) -> int:
    """Return a whole number of at least `minimum`; unset or blank gives `default`."""
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


def number_between(
    environ: Mapping[str, str], name: str, default: int, low: int, high: int, expected: str = ""
) -> int:
    """Return a whole number from `low` to `high`; unset or blank gives `default`.

    A bad value asks for `expected`, else for a number in the range.
    """
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        expected = expected or f"a whole number from {low} to {high}, e.g. {default}"
        raise ConfigError(f"{name} has value {raw!r}. Expected {expected}.")
    return int(raw)


def number(environ: Mapping[str, str], setting: NumberSetting) -> int:
    """Return a number variable's value in `environ`; unset or blank gives its default."""
    if setting.high is None:
        return whole_number(environ, setting.name, setting.default, setting.low, setting.expected)
    return number_between(
        environ, setting.name, setting.default, setting.low, setting.high, setting.expected
    )


@dataclass(frozen=True)
class FormTiming:
    """How soon and how late after it was handed out a stamped form is taken (every form alike)."""

    min_seconds: int = FORM_MIN_SECONDS.default
    max_seconds: int = FORM_MAX_SECONDS.default


def form_seconds(environ: Mapping[str, str]) -> tuple[int, int]:
    """How soon and how late after it was handed out a stamped form is taken (every form alike)."""
    return number(environ, FORM_MIN_SECONDS), number(environ, FORM_MAX_SECONDS)


def origins(environ: Mapping[str, str], *, dev: bool, required: bool) -> tuple[str, ...]:
    """Return FACES_ALLOWED_ORIGINS as normalised origins (localhost ones in dev mode)."""
    raw = environ.get("FACES_ALLOWED_ORIGINS", "")
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if not parts:
        if dev:
            return DEV_ORIGINS
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


def secret(environ: Mapping[str, str], *, dev: bool, required: bool) -> bytes:
    """Return FACES_SECRET as bytes (random in dev mode or when not required)."""
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


def database_url(environ: Mapping[str, str]) -> str:
    """Return FACES_DATABASE_URL: empty, postgresql://… or sqlite:///…"""
    raw = environ.get("FACES_DATABASE_URL", "").strip()
    if raw and not raw.startswith(("postgresql://", "postgres://", "sqlite:///")):
        shown = raw.split("@")[-1]  # never echo a password
        raise ConfigError(
            f"FACES_DATABASE_URL has value {shown!r}. Expected postgresql://user:password@host/"
            "database (several instances) or sqlite:///path/to/file.sqlite3, or leave it unset "
            "for the SQLite file FACES_DB."
        )
    return raw


def voter_mode(environ: Mapping[str, str]) -> VoterMode:
    """Return FACES_VOTER_MODE: public or header."""
    raw = environ.get("FACES_VOTER_MODE", "public")
    value = raw.strip().lower()
    if value == "public":
        return "public"
    if value == "header":
        return "header"
    raise ConfigError(
        f"FACES_VOTER_MODE has value {raw!r}. Expected public (cookie and IP) or header (SSO)."
    )


def voter_header(environ: Mapping[str, str]) -> str:
    """Return FACES_VOTER_HEADER, the SSO proxy's header name."""
    raw = environ.get("FACES_VOTER_HEADER", "X-Remote-User")
    value = raw.strip()
    if not value or not all(c.isalnum() or c == "-" for c in value):
        raise ConfigError(
            f"FACES_VOTER_HEADER has value {raw!r}. Expected a header name, e.g. X-Remote-User."
        )
    return value


def ip_limit(environ: Mapping[str, str]) -> int:
    """Return FACES_IP_LIMIT: 0 (no cap) or ballots per poll, address and day."""
    raw = environ.get("FACES_IP_LIMIT")
    if raw is None or raw.strip().lower() in FALSE_WORDS:
        return 0
    value = raw.strip()
    if not value.isdigit() or int(value) < MIN_BALLOTS_PER_ADDRESS:
        raise ConfigError(
            f"FACES_IP_LIMIT has value {raw!r}. A small limit per address locks out everyone "
            "who shares an office address. Expected 0 (one vote per cookie only, the default) "
            f"or at least {MIN_BALLOTS_PER_ADDRESS} ballots per poll, address and day, e.g. 200."
        )
    return int(value)


def language(environ: Mapping[str, str]) -> Language:
    """Return FACES_LANGUAGE, or the language of FACES_LOCALE when it is unset."""
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


def address(environ: Mapping[str, str]) -> str:
    """Return FACES_ADDRESS: how German answers address the reader, "Sie" (default) or "du"."""
    raw = environ.get("FACES_ADDRESS", "").strip() or "Sie"
    if raw not in ("Sie", "du"):
        raise ConfigError(
            f"FACES_ADDRESS has value {raw!r}. Expected Sie (formal, the default) or du "
            "(informal), as I18N_ADDRESS in the build."
        )
    return raw


def voice(language: Language, address: str) -> Voice:
    """The texts to answer in: the language, in German with the form of address."""
    if language == "de" and address == "du":
        return "de@du"
    return language


def lang_of(voice: Voice) -> Language:
    """The language of a voice, for `<html lang>`."""
    return "en" if voice == "en" else "de"


def locale(environ: Mapping[str, str]) -> str:
    """Return FACES_LOCALE as Babel spells it."""
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


def stylesheets(environ: Mapping[str, str]) -> tuple[str, ...]:
    """Return FACES_STYLESHEETS: paths on the site's own origin."""
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
