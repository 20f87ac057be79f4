"""Notification settings from FACES_* variables: good values, and one clear line for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from faces_backend.comments.notify import NOTIFY_SETTINGS, NotifySettings, SmtpSettings
from faces_backend.comments.notify.authors import load_author_emails
from tests.backend.helpers import config_refusal

DOCS = Path(__file__).resolve().parents[2] / "docs" / "comments-notifications.md"
SMTP = {
    "FACES_SMTP_HOST": "smtp.example.com",
    "FACES_MAIL_FROM": "Blog <blog@example.com>",
    "FACES_PUBLIC_URL": "https://blog.example.com/api/",
}


def test_nothing_set_means_no_mail_and_no_webhook() -> None:
    settings = NotifySettings.from_env({})
    assert settings.smtp is None
    assert settings.webhook_url == ""
    assert settings.retention_days == 30


def test_a_full_configuration(tmp_path: Path) -> None:
    authors = tmp_path / "authors.csv"
    authors.write_text("profile,address\nlea-meier,Lea.Meier@seewerk.example\n", encoding="utf-8")
    settings = NotifySettings.from_env(
        {
            **SMTP,
            "FACES_SMTP_PORT": "2525",
            "FACES_SMTP_USER": "blog",
            "FACES_SMTP_PASSWORD": "secret",
            "FACES_EDITOR_EMAILS": " redaktion@example.com, Chefin <chefin@example.com> ",
            "FACES_AUTHOR_EMAILS_FILE": str(authors),
            "FACES_WEBHOOK_URL": "https://chat.example.com/hooks/abc?sig=1",
            "FACES_NOTIFY_RETENTION_DAYS": "7",
        },
        language="en",
    )
    assert settings.smtp == SmtpSettings("smtp.example.com", 2525, "blog", "secret", True)
    assert settings.editor_emails == ("redaktion@example.com", "chefin@example.com")
    assert dict(settings.author_emails) == {"lea-meier": "Lea.Meier@seewerk.example"}
    assert settings.webhook_url == "https://chat.example.com/hooks/abc?sig=1"
    assert settings.retention_days == 7
    assert settings.public_url == "https://blog.example.com/api"
    assert settings.moderation_url == "https://blog.example.com/api/moderation/comments"
    assert settings.language == "en"
    assert "secret" not in repr(settings) and "abc" not in repr(settings)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"FACES_SMTP_HOST": "smtp://mail.example.com"},
            "FACES_SMTP_HOST has value 'smtp://mail.example.com'. Expected a host name without "
            "scheme or path, e.g. smtp.example.com.",
        ),
        (
            {"FACES_SMTP_PORT": "99999"},
            "FACES_SMTP_PORT has value '99999'. Expected a port number such as 587 (STARTTLS) "
            "or 465 (TLS).",
        ),
        (
            {"FACES_SMTP_STARTTLS": "maybe"},
            "FACES_SMTP_STARTTLS has value 'maybe'. Expected 1 (STARTTLS) or 0 (none).",
        ),
        (
            {"FACES_SMTP_USER": "blog"},
            "FACES_SMTP_PASSWORD is not set, but its partner is. Set both FACES_SMTP_USER and "
            "FACES_SMTP_PASSWORD for a login, or neither.",
        ),
        (
            {"FACES_SMTP_USER": "blog", "FACES_SMTP_PASSWORD": "pw", "FACES_SMTP_STARTTLS": "0"},
            "FACES_SMTP_PASSWORD would travel unencrypted: FACES_SMTP_STARTTLS is 0 and "
            "FACES_SMTP_PORT is not 465. Set FACES_SMTP_STARTTLS=1 or use port 465.",
        ),
        (
            {"FACES_MAIL_FROM": ""},
            "FACES_MAIL_FROM is not set. Expected an e-mail address, e.g. Blog <blog@example.com>.",
        ),
        (
            {"FACES_MAIL_FROM": "blog at example"},
            "FACES_MAIL_FROM has value 'blog at example'. Expected an e-mail address, e.g. "
            "Blog <blog@example.com>.",
        ),
        (
            {"FACES_PUBLIC_URL": ""},
            "FACES_PUBLIC_URL is not set, but e-mails need links back to the backend. Expected "
            "its public address, e.g. https://blog.example.com/api.",
        ),
        (
            {"FACES_PUBLIC_URL": "blog.example.com/api"},
            "FACES_PUBLIC_URL has value 'blog.example.com/api'. Expected an http(s) address "
            "without query, e.g. https://blog.example.com/api.",
        ),
        (
            {"FACES_EDITOR_EMAILS": "redaktion@example.com,anna"},
            "FACES_EDITOR_EMAILS has value 'anna'. Expected an e-mail address, e.g. "
            "redaktion@example.com,anna@example.com.",
        ),
        (
            {"FACES_WEBHOOK_URL": "ftp://chat.example.com/hooks/top-secret"},
            "FACES_WEBHOOK_URL is not a valid address. Expected an http(s) address, e.g. "
            "https://chat.example.com/hooks/abc123.",
        ),
        (
            {"FACES_WEBHOOK_URL": "http://chat.example.com/hooks/top-secret"},
            "FACES_WEBHOOK_URL starts with http:// for a host other than this machine. Expected "
            "the https:// address the chat service gave you.",
        ),
        (
            {"FACES_NOTIFY_RETENTION_DAYS": "0"},
            "FACES_NOTIFY_RETENTION_DAYS has value '0'. Expected a whole number of days between "
            "1 and 3650, e.g. 30.",
        ),
        (
            {"FACES_NOTIFY_RETENTION_DAYS": "forever"},
            "FACES_NOTIFY_RETENTION_DAYS has value 'forever'. Expected a whole number of days "
            "between 1 and 3650, e.g. 30.",
        ),
    ],
)
def test_bad_settings_name_the_variable_and_the_fix(changes: dict[str, str], message: str) -> None:
    assert config_refusal(NotifySettings.from_env, {**SMTP, **changes}) == message


@pytest.mark.parametrize(
    "address",
    ["ftp://chat.example.com/hooks/top-secret", "http://chat.example.com/hooks/top-secret"],
)
def test_a_refused_webhook_address_is_not_repeated(address: str) -> None:
    # The chat service's address is its password: whoever reads the log could post.
    refused = config_refusal(NotifySettings.from_env, {"FACES_WEBHOOK_URL": address})
    assert address not in refused and "top-secret" not in refused


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "authors.json",
            '{\n  "lea-meier": "lea@seewerk.example",\n  "tom": "tom at home"\n}',
            "authors.json:3: 'tom at home' is not an e-mail address. Expected e.g. "
            "anna.muster@example.com.",
        ),
        (
            "authors.json",
            '{\n"lea-meier" "lea@seewerk.example"}',
            "authors.json:2: not valid JSON (Expecting ':' delimiter). "
            'Expected an object such as {"anna-muster": "anna.muster@example.com"}.',
        ),
        (
            "authors.json",
            '["lea@seewerk.example"]',
            "authors.json:1: expected a JSON object of profile -> address, "
            'e.g. {"anna-muster": "anna.muster@example.com"}.',
        ),
        (
            "authors.csv",
            "# profile,address\nlea-meier,lea@seewerk.example\ntom;tom@seewerk.example\n",
            "authors.csv:3: expected two columns, profile and address, e.g. "
            "anna-muster,anna.muster@example.com.",
        ),
        (
            "authors.csv",
            "../etc/passwd,lea@seewerk.example\n",
            "authors.csv:1: '../etc/passwd' is not a profile slug. Expected the profile's file "
            "name without .md, e.g. anna-muster.",
        ),
    ],
)
def test_bad_author_files_name_the_file_and_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert config_refusal(load_author_emails, path) == f"{tmp_path}/{message}"


def test_a_missing_author_file_names_the_setting(tmp_path: Path) -> None:
    missing = {"FACES_AUTHOR_EMAILS_FILE": str(tmp_path / "nope.json")}
    assert config_refusal(NotifySettings.from_env, missing) == (
        f"FACES_AUTHOR_EMAILS_FILE: cannot read {tmp_path}/nope.json (No such file or directory). "
        "Expected the path of a JSON or CSV file with one profile and address per entry."
    )


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert [s.name for s in NOTIFY_SETTINGS if f"`{s.name}`" not in text] == []
