"""Settings of the comment backend, read from `FACES_*` environment variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from faces_backend.http.proof_of_work import MAX_BITS
from faces_backend.http.setting_help import FORM_MAX_SECONDS, FORM_MIN_SECONDS, NumberSetting
from faces_backend.http.setting_values import FormTiming, form_seconds, number
from faces_backend.http.settings import ConfigError, SettingHelp

# Where the backend serves the moderation page (moderation.py), below its root.
MODERATION_PATH = "/moderation/comments"

NAME_MAX = NumberSetting(
    "FACES_COMMENTS_NAME_MAX", 80, "Longest display name, in characters.", 1, 200
)
TEXT_MAX = NumberSetting(
    "FACES_COMMENTS_TEXT_MAX", 5000, "Longest comment, in characters.", 1, 20000
)
MAX_LINKS = NumberSetting(
    "FACES_COMMENTS_MAX_LINKS", 2, "Most links (http://, https://, www.) per comment.", 0, 100
)
PROOF_OF_WORK = NumberSetting(
    "FACES_PROOF_OF_WORK",
    0,
    f"0 = off; N (1-{MAX_BITS}) = the browser must find a hash with N leading zero bits.",
    0,
    MAX_BITS,
)
KEEP_REJECTED_DAYS = NumberSetting(
    "FACES_COMMENTS_KEEP_REJECTED_DAYS", 30, "Rejected comments are deleted after this.", 1, 3650
)

# The operator's reference; docs/comments.md lists each of these.
COMMENT_SETTINGS: tuple[SettingHelp, ...] = (
    SettingHelp(
        "FACES_COMMENTS_MANIFEST",
        "(unset: comments off)",
        "Path or http(s) URL of the comment manifest (comments/manifest.json in the output).",
    ),
    NAME_MAX.help_row,
    TEXT_MAX.help_row,
    MAX_LINKS.help_row,
    FORM_MIN_SECONDS.help_row,
    FORM_MAX_SECONDS.help_row,
    PROOF_OF_WORK.help_row,
    SettingHelp(
        "FACES_MODERATION_TOKEN",
        "(unset: login by SSO only)",
        "Secret for the moderation page /moderation/comments, at least 32 characters.",
    ),
    SettingHelp(
        "FACES_MODERATORS",
        "(none)",
        "Comma-separated SSO user ids (voter mode header) who may moderate on the page.",
    ),
    KEEP_REJECTED_DAYS.help_row,
)


@dataclass(frozen=True)
class CommentSettings(FormTiming):
    """How comments are taken, checked and moderated (and the form's timing)."""

    manifest: str = ""
    name_max: int = NAME_MAX.default
    text_max: int = TEXT_MAX.default
    max_links: int = MAX_LINKS.default
    pow_bits: int = PROOF_OF_WORK.default
    moderation_token: str = field(default="", repr=False)
    moderators: tuple[str, ...] = ()
    keep_rejected_days: int = KEEP_REJECTED_DAYS.default

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> CommentSettings:
        """Read the comment settings; a bad value is a one-line ConfigError."""
        token = environ.get("FACES_MODERATION_TOKEN", "").strip()
        if token and len(token) < 32:
            raise ConfigError(
                f"FACES_MODERATION_TOKEN has {len(token)} characters. Expected at least 32, "
                "e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        moderators = environ.get("FACES_MODERATORS", "")
        min_seconds, max_seconds = form_seconds(environ)
        return cls(
            manifest=environ.get("FACES_COMMENTS_MANIFEST", "").strip(),
            name_max=number(environ, NAME_MAX),
            text_max=number(environ, TEXT_MAX),
            max_links=number(environ, MAX_LINKS),
            min_seconds=min_seconds,
            max_seconds=max_seconds,
            pow_bits=number(environ, PROOF_OF_WORK),
            moderation_token=token,
            moderators=tuple(m.strip() for m in moderators.split(",") if m.strip()),
            keep_rejected_days=number(environ, KEEP_REJECTED_DAYS),
        )
