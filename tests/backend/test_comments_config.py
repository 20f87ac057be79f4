"""The comment settings: defaults, one-line errors, every variable documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from faces_backend.comments.config import COMMENT_SETTINGS, CommentSettings
from tests.backend.helpers import config_refusal

DOCS = Path(__file__).resolve().parents[2] / "docs" / "comments.md"


def test_defaults() -> None:
    settings = CommentSettings.from_env({})
    assert (settings.text_max, settings.max_links, settings.min_seconds) == (5000, 2, 3)
    assert (settings.max_seconds, settings.pow_bits, settings.keep_rejected_days) == (7200, 0, 30)
    assert settings.manifest == "" and settings.moderation_token == ""


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "FACES_COMMENTS_TEXT_MAX",
            "viel",
            "FACES_COMMENTS_TEXT_MAX has value 'viel'. Expected a whole number from 1 to 20000, "
            "e.g. 5000.",
        ),
        (
            "FACES_COMMENTS_MAX_LINKS",
            "-1",
            "FACES_COMMENTS_MAX_LINKS has value '-1'. Expected a whole number from 0 to 100, "
            "e.g. 2.",
        ),
        (
            "FACES_PROOF_OF_WORK",
            "40",
            "FACES_PROOF_OF_WORK has value '40'. Expected a whole number from 0 to 24, e.g. 0.",
        ),
        (
            "FACES_FORM_MAX_SECONDS",
            "10",
            "FACES_FORM_MAX_SECONDS has value '10'. Expected a whole number from 60 to 604800, "
            "e.g. 7200.",
        ),
        (
            "FACES_MODERATION_TOKEN",
            "kurz",
            "FACES_MODERATION_TOKEN has 4 characters. Expected at least 32, e.g. the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'",
        ),
    ],
)
def test_a_bad_value_is_refused_with_one_whole_line_naming_the_variable(
    name: str, value: str, message: str
) -> None:
    refused = config_refusal(CommentSettings.from_env, {name: value})
    assert refused == message
    if name == "FACES_MODERATION_TOKEN":
        assert value not in refused  # a secret is never repeated


def test_every_comment_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert [s.name for s in COMMENT_SETTINGS if f"`{s.name}`" not in text] == []


def test_moderators_are_a_comma_separated_list() -> None:
    assert CommentSettings.from_env({"FACES_MODERATORS": " chefin, ben ,"}).moderators == (
        "chefin",
        "ben",
    )
