"""Settings of the backend, read from `FACES_*` environment variables.

The help of each variable is in setting_help.py, its parser in setting_values.py.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from faces_backend.http import setting_values as values
from faces_backend.http.setting_help import (
    DEFAULT_LOCALE,
    DEFAULT_STYLESHEETS,
    MAX_BODY,
    RATE_LIMIT,
    SETTINGS,
    TRUST_PROXY,
    VIEWS_RATE_LIMIT,
    VIEWS_WINDOW,
    SettingHelp,
)
from faces_backend.http.setting_values import ConfigError, Language, Voice, VoterMode

__all__ = ["SETTINGS", "ConfigError", "Language", "SettingHelp", "Settings", "VoterMode"]

log = logging.getLogger("faces_backend")


@dataclass(frozen=True)
class Settings:
    """Everything the backend is configured with; built once at start-up."""

    manifest: str = ""
    db_path: Path = Path("polls.sqlite3")
    database_url: str = field(default="", repr=False)  # empty: the SQLite file db_path
    allowed_origins: tuple[str, ...] = ()
    secret: bytes = field(default=b"", repr=False)
    dev: bool = False
    debug: bool = False
    voter_mode: VoterMode = "public"
    voter_header: str = "X-Remote-User"
    trust_proxy: int = TRUST_PROXY.default
    rate_limit: int = RATE_LIMIT.default
    max_body: int = MAX_BODY.default
    ip_limit: int = 0  # ballots per poll, address and day; 0 = no cap
    allow_missing_origin: bool = False
    views_manifest: str = ""
    views_window: int = VIEWS_WINDOW.default
    views_rate_limit: int = VIEWS_RATE_LIMIT.default
    language: Language = "de"
    address: str = "Sie"  # FACES_ADDRESS: "Sie" or "du", as I18N_ADDRESS in the build
    locale: str = DEFAULT_LOCALE
    stylesheets: tuple[str, ...] = DEFAULT_STYLESHEETS

    @property
    def voice(self) -> Voice:
        """The texts answers are written in: the language and the form of address."""
        return values.voice(self.language, self.address)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, for_server: bool = True) -> Settings:
        """Read the settings; `for_server=False` (CLI data commands) needs no secret or origins."""
        dev = values.boolean(environ, "FACES_DEV")
        manifest = environ.get("FACES_MANIFEST", "").strip()
        if for_server:
            require_manifest(manifest)
        settings = cls(
            manifest=manifest,
            db_path=Path(environ.get("FACES_DB", "polls.sqlite3")),
            database_url=values.database_url(environ),
            allowed_origins=values.origins(environ, dev=dev, required=for_server),
            secret=values.secret(environ, dev=dev, required=for_server),
            dev=dev,
            debug=values.boolean(environ, "FACES_DEBUG"),
            voter_mode=values.voter_mode(environ),
            voter_header=values.voter_header(environ),
            trust_proxy=values.number(environ, TRUST_PROXY),
            rate_limit=values.number(environ, RATE_LIMIT),
            max_body=values.number(environ, MAX_BODY),
            ip_limit=values.ip_limit(environ),
            allow_missing_origin=values.boolean(environ, "FACES_ALLOW_MISSING_ORIGIN"),
            views_manifest=environ.get("FACES_VIEWS_MANIFEST", "").strip(),
            views_window=values.number(environ, VIEWS_WINDOW),
            views_rate_limit=values.number(environ, VIEWS_RATE_LIMIT),
            language=values.language(environ),
            address=values.address(environ),
            locale=values.locale(environ),
            stylesheets=values.stylesheets(environ),
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
