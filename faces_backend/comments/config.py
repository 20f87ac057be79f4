"""Settings of the comment backend, read from `FACES_*` environment variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from faces_backend.http.proof_of_work import MAX_BITS
from faces_backend.http.setting_values import form_seconds, number_between
from faces_backend.http.settings import ConfigError, SettingHelp

# Where the backend serves the moderation page (moderation.py), below its root.
MODERATION_PATH = "/moderation/comments"

# The operator's reference; docs/comments.md lists each of these.
COMMENT_SETTINGS: tuple[SettingHelp, ...] = (
    SettingHelp(
        "FACES_COMMENTS_MANIFEST",
        "(unset: comments off)",
        "Path or http(s) URL of the comment manifest (comments/manifest.json in the output).",
    ),
    SettingHelp("FACES_COMMENTS_NAME_MAX", "80", "Longest display name, in characters."),
    SettingHelp("FACES_COMMENTS_TEXT_MAX", "5000", "Longest comment, in characters."),
    SettingHelp(
        "FACES_COMMENTS_MAX_LINKS", "2", "Most links (http://, https://, www.) per comment."
    ),
    SettingHelp(
        "FACES_FORM_MIN_SECONDS", "3", "A form sent sooner after it was handed out is refused."
    ),
    SettingHelp(
        "FACES_FORM_MAX_SECONDS", "7200", "A form older than this is refused (reload the page)."
    ),
    SettingHelp(
        "FACES_PROOF_OF_WORK",
        "0",
        f"0 = off; N (1-{MAX_BITS}) = the browser must find a hash with N leading zero bits.",
    ),
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
    SettingHelp(
        "FACES_COMMENTS_KEEP_REJECTED_DAYS", "30", "Rejected comments are deleted after this."
    ),
)


@dataclass(frozen=True)
class CommentSettings:
    """How comments are taken, checked and moderated."""

    manifest: str = ""
    name_max: int = 80
    text_max: int = 5000
    max_links: int = 2
    min_seconds: int = 3
    max_seconds: int = 7200
    pow_bits: int = 0
    moderation_token: str = field(default="", repr=False)
    moderators: tuple[str, ...] = ()
    keep_rejected_days: int = 30

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
            name_max=number_between(environ, "FACES_COMMENTS_NAME_MAX", 80, 1, 200),
            text_max=number_between(environ, "FACES_COMMENTS_TEXT_MAX", 5000, 1, 20000),
            max_links=number_between(environ, "FACES_COMMENTS_MAX_LINKS", 2, 0, 100),
            min_seconds=min_seconds,
            max_seconds=max_seconds,
            pow_bits=number_between(environ, "FACES_PROOF_OF_WORK", 0, 0, MAX_BITS),
            moderation_token=token,
            moderators=tuple(m.strip() for m in moderators.split(",") if m.strip()),
            keep_rejected_days=number_between(
                environ, "FACES_COMMENTS_KEEP_REJECTED_DAYS", 30, 1, 3650
            ),
        )
