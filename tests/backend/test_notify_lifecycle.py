"""The notifier's life: schema, stopping with work left, a command-line process, OpenAPI, HTML."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest
from openapi_spec_validator import validate
from starlette.applications import Starlette

from faces_backend.comments.notify import (
    CommentNotifier,
    ConnectionJobs,
    subscription_paths,
    subscription_routes,
)
from faces_backend.openapi import openapi_document
from faces_backend.store.schema import MIGRATIONS, open_database
from tests.backend import notify_helpers
from tests.backend.helpers import TestClient
from tests.backend.notify_helpers import COMMENTER, WAIT, event, notify_settings, reply
from tests.html_check import vnu_errors

pytestmark = pytest.mark.both_stores


def test_an_older_database_gains_the_opt_in_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:3], start=1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    conn.close()
    migrated = open_database(path)
    columns = [row[1] for row in migrated.execute("PRAGMA table_info(comment_subscriptions)")]
    migrated.close()
    assert columns == [
        "comment_id",
        "thread",
        "email",
        "lang",
        "token_hash",
        "created",
        "confirmed",
    ]


def test_closing_with_a_mail_waiting_for_its_retry_ends_at_once(
    store, refusing_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = CommentNotifier(
        notify_settings(refusing_port, editor_emails=("a@seewerk.example",), author_emails={}),
        notify_helpers.StoreJobs(store),
        retry_delays=(3600.0,),
    )
    notifier.start()
    notifier.comment_received(event())
    notifier.forget("c-0123456789ab")
    with caplog.at_level(logging.WARNING, logger="faces_backend"):
        started = time.monotonic()
        notifier.close()
    assert time.monotonic() - started < 30  # not the hour of the retry
    assert [r.getMessage() for r in caplog.records] == [
        "faces_backend: notify: mail to editor 1 about new comment c-0123456789ab not done after 1 "
        "attempt(s): ConnectionRefusedError: Connection refused"
    ]
    notifier.comment_received(event())  # after close: dropped with a line, no error
    assert caplog.records[-1].getMessage() == (
        "faces_backend: notify: mail to editor 1 about new comment c-0123456789ab dropped: stopped"
    )


def test_a_command_line_process_approves_a_reply_on_its_own_connection(
    mailbox, tmp_path: Path
) -> None:
    box, port = mailbox
    conn = open_database(tmp_path / "cli.sqlite3")
    jobs = ConnectionJobs(conn)
    first = CommentNotifier(notify_settings(port), jobs)
    first.start()
    first.subscribe("c-0123456789ab", COMMENTER, "de")
    first.close()
    token_link = notify_helpers.body(box.to(COMMENTER)[0]).split("token=")[1].split()[0]
    app = Starlette(routes=subscription_routes(lambda request: first))
    with TestClient(app) as client:
        confirm = f"/comments/subscription/confirm?token={token_link}"
        assert client.get(confirm).status_code == 200
    # A later moderation command: its own notifier, same database.
    second = CommentNotifier(notify_settings(port), jobs)
    second.start()
    second.comment_approved(reply("c-0123456789ab"))
    second.close()
    conn.close()
    assert [m["Subject"] for m in box.to(COMMENTER)][1:] == [
        "Lea Meier hat auf Ihren Kommentar geantwortet"
    ]


def test_the_openapi_document_with_the_links_is_valid() -> None:
    document = openapi_document("/api")
    document["paths"].update(subscription_paths())
    validate(document)
    assert set(subscription_paths()) == {
        "/comments/subscription/confirm",
        "/comments/subscription/stop",
    }
    stop = subscription_paths()["/comments/subscription/stop"]
    assert set(stop) == {"get", "post"}
    assert set(stop["get"]["responses"]) == {"200", "400", "404", "503"}


def test_the_answer_pages_are_valid_html(mailbox, start_notifier, tmp_path: Path) -> None:
    box, port = mailbox
    pages = []
    for language in ("de", "en"):
        notifier = start_notifier(notify_settings(port, language=language))
        notifier.subscribe(f"c-{language}0123456789", f"{language}@mail.example", language)
        assert notifier.wait_idle(WAIT)
        mail = notify_helpers.body(box.to(f"{language}@mail.example")[0])
        token = mail.split("token=")[1].split()[0]
        sheets = ["/theme/css/site.css"]
        app = Starlette(routes=subscription_routes(lambda r, n=notifier: n, stylesheets=sheets))
        with TestClient(app) as client:
            for name, path in [
                ("confirmed", f"/comments/subscription/confirm?token={token}"),
                ("already", f"/comments/subscription/confirm?token={token}"),
                ("stopped", f"/comments/subscription/stop?token={token}"),
                ("unknown", f"/comments/subscription/stop?token={token}"),
                ("malformed", "/comments/subscription/stop?token=%22%3E%3Cb%3E"),
            ]:
                answer = client.get(path)
                assert answer.headers["content-type"] == "text/html; charset=utf-8"
                assert f'<html lang="{language}">' in answer.text
                page = tmp_path / f"{language}-{name}.html"
                page.write_text(answer.text, encoding="utf-8")
                pages.append(page)
    assert len(pages) == 10
    assert vnu_errors(pages) == []
