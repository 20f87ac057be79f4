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
    ("name", "value", "expected"),
    [
        ("FACES_COMMENTS_TEXT_MAX", "viel", "from 1 to 20000"),
        ("FACES_COMMENTS_MAX_LINKS", "-1", "from 0 to 100"),
        ("FACES_PROOF_OF_WORK", "40", "from 0 to 24"),
        ("FACES_FORM_MAX_SECONDS", "10", "from 60 to 604800"),
        ("FACES_MODERATION_TOKEN", "kurz", "at least 32"),
    ],
)
def test_bad_values_are_one_line_errors_naming_the_variable(
    name: str, value: str, expected: str
) -> None:
    message = config_refusal(CommentSettings.from_env, {name: value})
    assert message.startswith(name) and expected in message and "\n" not in message
    if name == "FACES_MODERATION_TOKEN":
        assert value not in message  # a secret is never repeated


def test_every_comment_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert [s.name for s in COMMENT_SETTINGS if f"`{s.name}`" not in text] == []


def test_moderators_are_a_comma_separated_list() -> None:
    assert CommentSettings.from_env({"FACES_MODERATORS": " chefin, ben ,"}).moderators == (
        "chefin",
        "ben",
    )
