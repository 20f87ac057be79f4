"""The moderation commands tell the real notifier: an author's reply mails the commenter."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from faces_backend.comments.notify.store import add_subscription, confirm
from faces_backend.store.schema import connect
from tests.backend.notify_helpers import COMMENTER, body
from tests.backend.test_comments_cli import add, environ, query, run

__all__ = ["environ"]  # the database and manifest fixture, shared with the CLI tests


@pytest.fixture
def mailing(environ: dict[str, str], mailbox) -> dict[str, str]:
    """The CLI's environment with a real SMTP server behind FACES_SMTP_*."""
    _, port = mailbox
    return {
        **environ,
        "FACES_SMTP_HOST": "127.0.0.1",
        "FACES_SMTP_PORT": str(port),
        "FACES_SMTP_STARTTLS": "0",
        "FACES_MAIL_FROM": "Seewerk Blog <blog@seewerk.example>",
        "FACES_PUBLIC_URL": "https://blog.example.com/api",
    }


def opt_in(environ: dict[str, str], comment_id: str, *, confirmed: bool = True) -> None:
    """Store the commenter's reply-mail opt-in as the notifier does, confirmed if told."""
    now = datetime.now(UTC)
    with contextlib.closing(connect(environ["FACES_DB"])) as conn:
        fields = {"comment_id": comment_id, "thread": "posts/2026/kantine", "lang": "de"}
        add_subscription(conn, email=COMMENTER, token="t" * 32, now=now, **fields)
        if confirmed:
            assert confirm(conn, token="t" * 32, now=now) == "confirmed"


def subscriptions(environ: dict[str, str]) -> list[tuple[str, ...]]:
    """Every stored opt-in: comment id and address."""
    return query(environ, "SELECT comment_id, email FROM comment_subscriptions")


def test_a_reply_from_the_command_line_mails_the_commenter_once(
    mailing: dict[str, str], mailbox
) -> None:
    box, _ = mailbox
    parent = add(mailing, "Gibt es bald eine Salatbar?")
    assert run(mailing, "approve", parent) == 0
    opt_in(mailing, parent)
    answer = "Ja, ab März!"
    assert run(mailing, "reply", parent, "--as", "anna-muster", "--text", answer) == 0
    # The command returns only after its notifier closed: the mail is out by now.
    [(recipients, message)] = box.messages
    assert recipients == [COMMENTER]
    assert answer in body(message)
    assert subscriptions(mailing) == []  # one mail per opt-in, then the address is gone


def test_an_unconfirmed_opt_in_gets_no_reply_mail(mailing: dict[str, str], mailbox) -> None:
    box, _ = mailbox
    parent = add(mailing)
    assert run(mailing, "approve", parent) == 0
    opt_in(mailing, parent, confirmed=False)
    assert run(mailing, "reply", parent, "--as", "anna-muster", "--text", "Danke!") == 0
    assert box.messages == []
    assert [row[0] for row in subscriptions(mailing)] == [parent]


def test_rejecting_from_the_command_line_forgets_the_address(
    mailing: dict[str, str], mailbox
) -> None:
    box, _ = mailbox
    comment = add(mailing, "Kauft Uhren!")
    opt_in(mailing, comment)
    assert run(mailing, "reject", comment, "--reason", "spam") == 0
    assert subscriptions(mailing) == []
    assert box.messages == []


def test_a_bad_notify_setting_stops_the_command_in_one_line(
    environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    comment = add(environ)
    bad = {**environ, "FACES_SMTP_HOST": "127.0.0.1", "FACES_SMTP_PORT": "viele"}
    assert run(bad, "approve", comment) == 2
    error = capsys.readouterr().err
    assert error.startswith("faces_backend: FACES_SMTP_PORT") and error.count("\n") == 1
    assert query(environ, "SELECT status FROM comments WHERE id = ?", comment) == [("pending",)]


def test_without_smtp_a_decision_needs_no_mail_settings(environ: dict[str, str]) -> None:
    comment = add(environ)
    assert run(environ, "approve", comment) == 0
    with contextlib.closing(sqlite3.connect(Path(environ["FACES_DB"]))) as conn:
        assert conn.execute("SELECT status FROM comments").fetchall() == [("approved",)]
