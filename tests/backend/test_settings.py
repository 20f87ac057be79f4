"""Settings from FACES_* variables: defaults, and one clear line for every bad value."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from faces_backend.comments.config import COMMENT_SETTINGS
from faces_backend.comments.notify import NOTIFY_SETTINGS
from faces_backend.http.settings import SETTINGS, Settings
from faces_backend.stories.config import STORY_SETTINGS
from tests.backend.helpers import REQUIRED_ENVIRON as BASE
from tests.backend.helpers import config_refusal

DOCS = Path(__file__).resolve().parents[2] / "docs" / "backend.md"


def test_defaults() -> None:
    settings = Settings.from_env(BASE)
    assert settings == Settings(
        manifest="output/polls.json",
        db_path=Path("polls.sqlite3"),
        allowed_origins=("https://blog.example.com",),
        secret=b"s" * 32,
    )
    assert settings.voter_mode == "public"
    assert settings.rate_limit == 600
    assert settings.max_body == 16384
    assert settings.trust_proxy == 0
    assert settings.ip_limit == 0
    assert settings.language == "de"
    assert settings.stylesheets == ("/theme/css/site.css", "/theme/css/polls.css")
    assert settings.allow_missing_origin is False
    assert "secret" not in repr(settings)


def test_every_variable_is_read() -> None:
    settings = Settings.from_env(
        {
            **BASE,
            "FACES_DB": "/var/lib/faces/polls.sqlite3",
            "FACES_ALLOWED_ORIGINS": "https://blog.example.com, http://localhost:8000/",
            "FACES_DEBUG": "yes",
            "FACES_VOTER_MODE": "HEADER",
            "FACES_VOTER_HEADER": "X-Forwarded-User",
            "FACES_TRUST_PROXY": "2",
            "FACES_RATE_LIMIT": "30",
            "FACES_MAX_BODY": "8192",
            "FACES_IP_LIMIT": "250",
            "FACES_ALLOW_MISSING_ORIGIN": "1",
            "FACES_LANGUAGE": "EN",
            "FACES_STYLESHEETS": "/blog/theme/css/site.css, /blog/theme/css/polls.css",
        }
    )
    assert settings.db_path == Path("/var/lib/faces/polls.sqlite3")
    assert settings.allowed_origins == ("https://blog.example.com", "http://localhost:8000")
    assert settings.debug is True
    assert settings.voter_mode == "header"
    assert settings.voter_header == "X-Forwarded-User"
    assert (settings.trust_proxy, settings.rate_limit, settings.max_body) == (2, 30, 8192)
    assert settings.ip_limit == 250
    assert settings.allow_missing_origin is True
    assert settings.language == "en"
    assert settings.stylesheets == ("/blog/theme/css/site.css", "/blog/theme/css/polls.css")


@pytest.mark.parametrize(
    ("environ", "locale", "language"),
    [
        ({}, "de_CH", "de"),
        ({"FACES_LOCALE": ""}, "de_CH", "de"),
        ({"FACES_LOCALE": "de_CH"}, "de_CH", "de"),
        ({"FACES_LOCALE": "de_DE"}, "de_DE", "de"),
        ({"FACES_LOCALE": "de_CH.UTF-8"}, "de_CH", "de"),
        ({"FACES_LOCALE": "en_GB"}, "en_GB", "en"),
        ({"FACES_LOCALE": " en_GB "}, "en_GB", "en"),
        ({"FACES_LOCALE": "en_US"}, "en_US", "en"),
        ({"FACES_LOCALE": "fr_CH"}, "fr_CH", "de"),
        ({"FACES_LOCALE": "en_GB", "FACES_LANGUAGE": "de"}, "en_GB", "de"),
        ({"FACES_LANGUAGE": "en"}, "de_CH", "en"),
    ],
)
def test_the_locale_is_the_sites_and_the_language_follows_it_unless_set(
    environ: dict[str, str], locale: str, language: str
) -> None:
    settings = Settings.from_env({**BASE, **environ})
    assert (settings.locale, settings.language) == (locale, language)


@pytest.mark.parametrize("off", ["0", "off", "false", "no", ""])
def test_no_cap_per_address_by_default_or_when_switched_off(off: str) -> None:
    assert Settings.from_env({**BASE, "FACES_IP_LIMIT": off}).ip_limit == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"FACES_RATE_LIMIT": "ten"},
            "FACES_RATE_LIMIT has value 'ten'. Expected a whole number of requests per "
            "minute, e.g. 600.",
        ),
        (
            {"FACES_RATE_LIMIT": "0"},
            "FACES_RATE_LIMIT has value '0'. Expected a whole number of requests per "
            "minute, e.g. 600.",
        ),
        (
            {"FACES_IP_LIMIT": "1"},
            "FACES_IP_LIMIT has value '1'. A small limit per address locks out everyone who "
            "shares an office address. Expected 0 (one vote per cookie only, the default) or "
            "at least 20 ballots per poll, address and day, e.g. 200.",
        ),
        (
            {"FACES_IP_LIMIT": "yes"},
            "FACES_IP_LIMIT has value 'yes'. A small limit per address locks out everyone who "
            "shares an office address. Expected 0 (one vote per cookie only, the default) or "
            "at least 20 ballots per poll, address and day, e.g. 200.",
        ),
        (
            {"FACES_LANGUAGE": "fr"},
            "FACES_LANGUAGE has value 'fr'. Expected de (German) or en (English).",
        ),
        (
            {"FACES_STYLESHEETS": "https://cdn.example/site.css"},
            "FACES_STYLESHEETS has value 'https://cdn.example/site.css'. Entry "
            "'https://cdn.example/site.css' is not a path on the site's own origin: expected "
            "paths such as /theme/css/site.css, comma-separated.",
        ),
        (
            {"FACES_STYLESHEETS": "//cdn.example/site.css"},
            "FACES_STYLESHEETS has value '//cdn.example/site.css'. Entry "
            "'//cdn.example/site.css' is not a path on the site's own origin: expected "
            "paths such as /theme/css/site.css, comma-separated.",
        ),
        (
            {"FACES_MAX_BODY": "16k"},
            "FACES_MAX_BODY has value '16k'. Expected a size in bytes of at least 256, e.g. 16384.",
        ),
        (
            {"FACES_TRUST_PROXY": "true"},
            "FACES_TRUST_PROXY has value 'true'. Expected the number of trusted reverse "
            "proxies, e.g. 1.",
        ),
        (
            {"FACES_DEV": "maybe"},
            "FACES_DEV has value 'maybe'. Expected 1 or 0 (or true/false, yes/no, on/off).",
        ),
        (
            {"FACES_VOTER_MODE": "sso"},
            "FACES_VOTER_MODE has value 'sso'. Expected public (cookie and IP) or header (SSO).",
        ),
        (
            {"FACES_VOTER_HEADER": "X Remote User"},
            "FACES_VOTER_HEADER has value 'X Remote User'. Expected a header name, "
            "e.g. X-Remote-User.",
        ),
        (
            {"FACES_ALLOWED_ORIGINS": "https://blog.example.com/posts"},
            "FACES_ALLOWED_ORIGINS has value 'https://blog.example.com/posts'. Entry "
            "'https://blog.example.com/posts' is not an origin: expected scheme://host[:port] "
            "without a path, e.g. https://blog.example.com.",
        ),
        (
            {"FACES_ALLOWED_ORIGINS": ""},
            "FACES_ALLOWED_ORIGINS is not set. Expected the comma-separated origins of the "
            "blog, e.g. https://blog.example.com (or set FACES_DEV=1 for localhost).",
        ),
        (
            {"FACES_MANIFEST": ""},
            "FACES_MANIFEST is not set. Expected the path or http(s) URL of the poll "
            "manifest written by the site build, e.g. output/polls/manifest.json.",
        ),
        (
            {"FACES_SECRET": ""},
            "FACES_SECRET is not set. Expected a random string, e.g. the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'.",
        ),
        (
            {"FACES_SECRET": "hunter2"},
            "FACES_SECRET has 7 characters. Expected at least 32, e.g. the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'.",
        ),
    ],
)
def test_bad_value_names_variable_value_and_fix(changes: dict[str, str], message: str) -> None:
    refused = config_refusal(Settings.from_env, {**BASE, **changes})
    assert refused == message
    assert "\n" not in refused
    assert "hunter2" not in refused


def test_dev_mode_makes_a_random_secret_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    environ = {"FACES_MANIFEST": "polls.json", "FACES_DEV": "1"}
    with caplog.at_level(logging.WARNING, logger="faces_backend"):
        first = Settings.from_env(environ)
        second = Settings.from_env(environ)
    assert len(first.secret) == 32 and first.secret != second.secret
    assert first.allowed_origins == ("http://localhost:8000", "http://127.0.0.1:8000")
    # A set: once Pelican is imported in the same process, its log filter drops repeats.
    assert {r.getMessage() for r in caplog.records} == {
        "faces_backend: FACES_SECRET is not set; using a random secret (FACES_DEV=1). "
        "Voters can vote again after a restart."
    }


def test_cli_data_commands_need_neither_secret_nor_origins() -> None:
    settings = Settings.from_env({"FACES_DB": "x.sqlite3"}, for_server=False)
    assert settings.db_path == Path("x.sqlite3")
    assert settings.manifest == ""


def test_every_setting_is_documented_for_operators() -> None:
    text = DOCS.read_text(encoding="utf-8")
    every = (*SETTINGS, *COMMENT_SETTINGS, *NOTIFY_SETTINGS, *STORY_SETTINGS)
    missing = [setting.name for setting in every if f"`{setting.name}`" not in text]
    assert missing == []
    assert {s.name for s in SETTINGS} >= {
        "FACES_DB",
        "FACES_MANIFEST",
        "FACES_ALLOWED_ORIGINS",
        "FACES_SECRET",
        "FACES_DEV",
        "FACES_VOTER_MODE",
        "FACES_VOTER_HEADER",
        "FACES_TRUST_PROXY",
        "FACES_RATE_LIMIT",
        "FACES_MAX_BODY",
    }
