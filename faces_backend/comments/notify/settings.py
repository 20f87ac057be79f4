"""Settings of the comment notifications, read from `FACES_*` environment variables.

Each bad value stops the start with one line that names the variable and the fix, in the
manner of `faces_backend.settings`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

from faces_backend.comments.config import MODERATION_PATH
from faces_backend.comments.notify.addresses import bare_address
from faces_backend.comments.notify.authors import load_author_emails
from faces_backend.http import setting_values as values
from faces_backend.http.setting_help import NumberSetting
from faces_backend.http.setting_values import number
from faces_backend.http.settings import ConfigError, Language, SettingHelp

SMTP_PORT = NumberSetting(
    "FACES_SMTP_PORT",
    587,
    "Port of the SMTP server; 465 = TLS from the start.",
    1,
    65535,
    "a port number such as 587 (STARTTLS) or 465 (TLS)",
)
RETENTION_DAYS = NumberSetting(
    "FACES_NOTIFY_RETENTION_DAYS",
    30,
    "Days a commenter's address is kept at most (deleted earlier after its reply mail).",
    1,
    3650,
    "a whole number of days between 1 and 3650, e.g. 30",
)
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

# The operator's reference: docs/comments-notifications.md lists each (a test checks it).
NOTIFY_SETTINGS: tuple[SettingHelp, ...] = (
    SettingHelp("FACES_SMTP_HOST", "(unset: no e-mails)", "Host name of the SMTP server."),
    SMTP_PORT.help_row,
    SettingHelp("FACES_SMTP_USER", "(unset: no login)", "User name for the SMTP login."),
    SettingHelp("FACES_SMTP_PASSWORD", "(unset)", "Password for the SMTP login."),
    SettingHelp(
        "FACES_SMTP_STARTTLS", "1", "1 = switch to TLS with STARTTLS before login (port 587)."
    ),
    SettingHelp(
        "FACES_MAIL_FROM", "(required with SMTP)", "Sender address, e.g. Blog <blog@example.com>."
    ),
    SettingHelp(
        "FACES_EDITOR_EMAILS", "(unset)", "Comma-separated addresses told of every new comment."
    ),
    SettingHelp(
        "FACES_AUTHOR_EMAILS_FILE",
        "(unset)",
        "JSON {profile: address} or CSV (profile,address): authors told of their posts' comments.",
    ),
    SettingHelp(
        "FACES_WEBHOOK_URL",
        "(unset: no webhook)",
        "Incoming webhook (Teams, Slack, Mattermost, Matrix bridge) told of every new comment.",
    ),
    RETENTION_DAYS.help_row,
    SettingHelp(
        "FACES_PUBLIC_URL",
        "(required with SMTP)",
        "Public address of the backend as readers reach it, e.g. https://blog.example.com/api.",
    ),
    SettingHelp(
        "FACES_MODERATION_URL",
        f"FACES_PUBLIC_URL + {MODERATION_PATH}",
        "Address of the moderation page linked from the editors' e-mails.",
    ),
)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the SMTP server."""

    host: str
    port: int = SMTP_PORT.default
    user: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = True


@dataclass(frozen=True)
class NotifySettings:
    """Everything the notifier is configured with; built once at start-up."""

    smtp: SmtpSettings | None = None
    mail_from: str = ""
    editor_emails: tuple[str, ...] = ()
    author_emails: Mapping[str, str] = field(default_factory=dict, repr=False)
    webhook_url: str = field(default="", repr=False)  # its path is the webhook's secret
    retention_days: int = RETENTION_DAYS.default
    public_url: str = ""
    moderation_url: str = ""
    language: Language = "de"
    address: str = "Sie"  # FACES_ADDRESS: how mails and pages address the commenter

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, language: Language = "de") -> NotifySettings:
        """Read the settings; `language` is the backend's FACES_LANGUAGE."""
        smtp = _smtp(environ)
        public_url = _url(environ, "FACES_PUBLIC_URL", "https://blog.example.com/api")
        if smtp and not public_url:
            raise ConfigError(
                "FACES_PUBLIC_URL is not set, but e-mails need links back to the backend. "
                "Expected its public address, e.g. https://blog.example.com/api."
            )
        mail_from = environ.get("FACES_MAIL_FROM", "").strip()
        if smtp or mail_from:
            _address("FACES_MAIL_FROM", mail_from, "Blog <blog@example.com>")
        moderation = _url(environ, "FACES_MODERATION_URL", "https://blog.example.com/api/...")
        if not moderation and public_url:
            moderation = public_url + MODERATION_PATH
        authors_file = environ.get("FACES_AUTHOR_EMAILS_FILE", "").strip()
        return cls(
            smtp=smtp,
            mail_from=mail_from,
            editor_emails=_editor_emails(environ),
            author_emails=load_author_emails(Path(authors_file)) if authors_file else {},
            webhook_url=_webhook(environ),
            retention_days=number(environ, RETENTION_DAYS),
            public_url=public_url,
            moderation_url=moderation,
            language=language,
            address=values.address(environ),
        )


def _smtp(environ: Mapping[str, str]) -> SmtpSettings | None:
    host = environ.get("FACES_SMTP_HOST", "").strip()
    if not host:
        return None
    if "://" in host or "/" in host or " " in host:
        raise ConfigError(
            f"FACES_SMTP_HOST has value {host!r}. Expected a host name without scheme or path, "
            "e.g. smtp.example.com."
        )
    port = number(environ, SMTP_PORT)
    raw_tls = environ.get("FACES_SMTP_STARTTLS", "1").strip().lower()
    if raw_tls not in _TRUE | _FALSE:
        raise ConfigError(
            f"FACES_SMTP_STARTTLS has value {raw_tls!r}. Expected 1 (STARTTLS) or 0 (none)."
        )
    starttls = raw_tls in _TRUE
    user = environ.get("FACES_SMTP_USER", "").strip()
    password = environ.get("FACES_SMTP_PASSWORD", "")
    if bool(user) != bool(password):
        missing = "FACES_SMTP_PASSWORD" if user else "FACES_SMTP_USER"
        raise ConfigError(
            f"{missing} is not set, but its partner is. Set both FACES_SMTP_USER and "
            "FACES_SMTP_PASSWORD for a login, or neither."
        )
    encrypted = starttls or port == 465 or host.lower() in LOOPBACK_HOSTS
    if password and not encrypted:
        raise ConfigError(
            "FACES_SMTP_PASSWORD would travel unencrypted: FACES_SMTP_STARTTLS is 0 and "
            "FACES_SMTP_PORT is not 465. Set FACES_SMTP_STARTTLS=1 or use port 465."
        )
    return SmtpSettings(host=host, port=port, user=user, password=password, starttls=starttls)


def _address(name: str, raw: str, example: str) -> str:
    """Return the bare address of `raw` (a mailbox, optionally with a display name)."""
    parsed = bare_address(parseaddr(raw)[1])
    if parsed is None:
        shown = f"has value {raw!r}" if raw else "is not set"
        raise ConfigError(f"{name} {shown}. Expected an e-mail address, e.g. {example}.")
    return parsed


def _editor_emails(environ: Mapping[str, str]) -> tuple[str, ...]:
    raw = environ.get("FACES_EDITOR_EMAILS", "")
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    return tuple(
        _address("FACES_EDITOR_EMAILS", entry, "redaktion@example.com,anna@example.com")
        for entry in entries
    )


def _url(environ: Mapping[str, str], name: str, example: str, *, secret: bool = False) -> str:
    raw = environ.get(name, "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or (parts.query and not secret):
        # A webhook address is a password: never repeated in a message or a log.
        shown = "is not a valid address" if secret else f"has value {raw!r}"
        plain = "" if secret else " without query"
        raise ConfigError(f"{name} {shown}. Expected an http(s) address{plain}, e.g. {example}.")
    return raw if secret else raw.rstrip("/")


def _webhook(environ: Mapping[str, str]) -> str:
    url = _url(environ, "FACES_WEBHOOK_URL", "https://chat.example.com/hooks/abc123", secret=True)
    if url and urlsplit(url).scheme == "http" and urlsplit(url).hostname not in LOOPBACK_HOSTS:
        # The webhook's path is its password; it must not travel in clear text.
        raise ConfigError(
            "FACES_WEBHOOK_URL starts with http:// for a host other than this machine. "
            "Expected the https:// address the chat service gave you."
        )
    return url
