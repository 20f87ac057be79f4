"""Settings of story intake, read from `FACES_*` environment variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from faces_backend.http.setting_help import NumberSetting
from faces_backend.http.setting_values import FormTiming, form_seconds, number
from faces_backend.http.settings import SettingHelp

TEXT_MAX = NumberSetting(
    "FACES_STORIES_TEXT_MAX",
    4000,
    "Longest story proposal, in characters.",
    1,
    expected="a whole number of at least 1",
)
KEEP_DECLINED_DAYS = NumberSetting(
    "FACES_STORIES_KEEP_DECLINED_DAYS",
    30,
    "Declined stories (text and reason) are deleted this many days after the decision.",
    1,
    expected="a whole number of days, at least 1",
)

# The operator's reference; docs/stories.md lists each of these.
STORY_SETTINGS: tuple[SettingHelp, ...] = (
    SettingHelp(
        "FACES_STORIES_MANIFEST",
        "(unset: no story can be accepted; `invoke stories` uses the build's)",
        "Path or http(s) URL of stories/manifest.json in the output: the profiles an "
        "accepted story can be assigned to.",
    ),
    TEXT_MAX.help_row,
    KEEP_DECLINED_DAYS.help_row,
)

NAME_MAX = 80
DEPARTMENT_MAX = 80
CONTACT_MAX = 120
REASON_MAX = 500


@dataclass(frozen=True)
class StorySettings(FormTiming):
    """How story proposals are taken and kept (and the form's timing)."""

    manifest: str = ""
    text_max: int = TEXT_MAX.default
    keep_declined_days: int = KEEP_DECLINED_DAYS.default

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> StorySettings:
        """Read the story settings; a bad value is a one-line ConfigError."""
        # The same form timing as the comment form: one setting for every stamped form.
        min_seconds, max_seconds = form_seconds(environ)
        return cls(
            manifest=environ.get("FACES_STORIES_MANIFEST", "").strip(),
            text_max=number(environ, TEXT_MAX),
            keep_declined_days=number(environ, KEEP_DECLINED_DAYS),
            min_seconds=min_seconds,
            max_seconds=max_seconds,
        )
