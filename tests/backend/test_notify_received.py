"""A new comment: mails to editors and authors, a webhook notice, all off the request path."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from typing import Any

import pytest

from tests.backend.notify_helpers import (
    AUTHOR,
    EDITOR,
    PUBLIC_URL,
    WAIT,
    body,
    event,
    notify_settings,
)
from tests.servers import free_port

pytestmark = pytest.mark.both_stores

ADDRESS = re.compile(r"[^\s\"]+@[^\s\"]+")


def test_editors_and_authors_get_one_plain_text_mail_each(mailbox, start_notifier) -> None:
    box, port = mailbox
    notifier = start_notifier(notify_settings(port, editor_emails=(EDITOR, AUTHOR.upper())))
    notifier.comment_received(event())
    assert notifier.wait_idle(WAIT)
    # The author is also listed as an editor, in capitals: one mail, not two.
    assert sorted(r for recipients, _ in box.messages for r in recipients) == [
        AUTHOR.upper(),
        EDITOR,
    ]
    message = box.to(EDITOR)[0]
    assert message["Subject"] == "Neuer Kommentar zu «Ideen für die Kantine»"
    assert message["From"] == "Seewerk Blog <blog@seewerk.example>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "text/plain"
    assert body(message) == (
        "Jonas hat den Beitrag «Ideen für die Kantine» kommentiert:\n\n"
        "Eine Salatbar wäre schön.\n\nUnd länger offen.\n\n"
        f"Der Kommentar wartet auf Freigabe. Zur Moderation:\n{PUBLIC_URL}/moderation/comments\n\n"
        "Zum Beitrag:\nhttps://blog.example.com/2026/ideen-fuer-die-kantine/\n"
    )


def test_english_mail_and_an_author_without_address(mailbox, start_notifier) -> None:
    box, port = mailbox
    notifier = start_notifier(notify_settings(port, language="en"))
    notifier.comment_received(event(author_profiles=("lea-meier", "no-address-known")))
    assert notifier.wait_idle(WAIT)
    assert len(box.messages) == 2
    assert box.to(AUTHOR)[0]["Subject"] == "New comment on “Ideen für die Kantine”"
    assert body(box.to(AUTHOR)[0]).startswith("Jonas commented on the post")


def test_a_name_with_line_breaks_cannot_add_headers(mailbox, start_notifier) -> None:
    box, port = mailbox
    notifier = start_notifier(notify_settings(port))
    notifier.comment_received(event(name="Jonas\r\nBcc: victim@else.example"))
    assert notifier.wait_idle(WAIT)
    assert len(box.messages) == 2
    assert all("victim@else.example" not in r for recipients, _ in box.messages for r in recipients)
    assert box.to(EDITOR)[0]["Bcc"] is None
    assert box.to(EDITOR)[0]["Subject"] == "Neuer Kommentar zu «Ideen für die Kantine»"


def test_the_webhook_gets_plain_json_without_any_address(webhook, start_notifier) -> None:
    url, received = webhook
    settings = notify_settings(free_port(), url, smtp=None)
    notifier = start_notifier(settings)
    notifier.comment_received(event(name="jonas.keller@example.org", text="Mail me: a@b.example"))
    assert notifier.wait_idle(WAIT)
    [request] = received
    assert request["path"] == "/hooks/secret-path"
    assert request["type"] == "application/json; charset=utf-8"
    assert ADDRESS.findall(request["raw"].decode()) == []
    assert request["json"] == {
        "text": "Neuer Kommentar von […] zu «Ideen für die Kantine» wartet auf Freigabe: "
        f"{PUBLIC_URL}/moderation/comments",
        "event": "comment_received",
        "comment": "c-0123456789ab",
        "thread": "posts/2026/ideen-fuer-die-kantine",
        "post_title": "Ideen für die Kantine",
        "post_url": "https://blog.example.com/2026/ideen-fuer-die-kantine/",
        "name": "[…]",
        "reply_to": None,
        "received": "2026-12-06T05:00:00+00:00",
        "moderation_url": f"{PUBLIC_URL}/moderation/comments",
    }


def test_the_comment_text_never_goes_to_the_chat(webhook, start_notifier) -> None:
    url, received = webhook
    notifier = start_notifier(notify_settings(free_port(), url, smtp=None))
    notifier.comment_received(event(text="Ich heisse Erika Muster, Tel. 079 123 45 67"))
    assert notifier.wait_idle(WAIT)
    assert "Muster" not in received[0]["raw"].decode()
    assert "079" not in received[0]["raw"].decode()


def test_the_call_returns_while_the_mail_server_hangs(mailbox, webhook, start_notifier) -> None:
    box, port = mailbox
    box.release = threading.Event()
    url, received = webhook
    notifier = start_notifier(notify_settings(port, url))
    started = time.monotonic()
    notifier.comment_received(event())
    assert time.monotonic() - started < 0.5
    assert box.messages == []  # the server holds the first mail: nothing could have blocked on it
    box.release.set()
    assert notifier.wait_idle(WAIT)
    assert len(box.messages) == 2
    assert len(received) == 1


def test_mail_server_down_fails_nothing_and_logs_one_line_each(
    webhook, start_notifier, refusing_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    url, received = webhook
    notifier = start_notifier(notify_settings(refusing_port, url))
    with caplog.at_level(logging.WARNING, logger="faces_backend"):
        notifier.comment_received(event())
        assert notifier.wait_idle(WAIT)
    assert len(received) == 1  # the webhook still got its notice
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        f"faces_backend: notify: mail to {who} about new comment c-0123456789ab not done after "
        "4 attempt(s): ConnectionRefusedError: Connection refused"
        for who in ("editor 1", "author lea-meier")
    ]
    assert all("\n" not in line and "@" not in line for line in lines)


def test_a_refused_mail_is_retried_and_then_delivered_once(mailbox, start_notifier) -> None:
    box, port = mailbox
    box.refuse_next = 2
    notifier = start_notifier(notify_settings(port, editor_emails=(EDITOR,), author_emails={}))
    notifier.comment_received(event())
    assert notifier.wait_idle(WAIT)
    assert len(box.to(EDITOR)) == 1


def test_a_webhook_that_answers_an_error_is_logged_without_its_address(
    start_notifier, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.backend.notify_helpers import _Hook

    class Broken(_Hook):
        received: list[dict[str, Any]] = []  # noqa: RUF012

        def do_POST(self) -> None:
            self.send_response(500)
            self.end_headers()

    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hooks/very-secret"
        notifier = start_notifier(notify_settings(free_port(), url, smtp=None))
        with caplog.at_level(logging.WARNING, logger="faces_backend"):
            notifier.comment_received(event())
            assert notifier.wait_idle(WAIT)
    finally:
        server.shutdown()
        server.server_close()
    assert [r.getMessage() for r in caplog.records] == [
        "faces_backend: notify: webhook about new comment c-0123456789ab not done after 4 "
        "attempt(s): "
        "HTTPError: the webhook answered 500"
    ]


def test_nothing_configured_sends_nothing(mailbox, webhook, start_notifier) -> None:
    box, _ = mailbox
    _, received = webhook
    notifier = start_notifier(notify_settings(0, smtp=None))
    notifier.comment_received(event())
    assert notifier.wait_idle(WAIT)
    assert box.messages == [] and received == []


def test_webhook_json_is_what_chat_bridges_read() -> None:
    from faces_backend.comments.notify.webhook import webhook_payload

    payload = webhook_payload(event(name="Jonas"), notify_settings(25, language="en"))
    decoded = json.loads(json.dumps(payload))
    assert isinstance(decoded["text"], str)
    assert decoded["text"] == (
        f"New comment by Jonas on “Ideen für die Kantine” awaits approval: "
        f"{PUBLIC_URL}/moderation/comments"
    )


def test_text_that_utf8_cannot_carry_still_reaches_mail_and_webhook(
    mailbox, webhook, start_notifier
) -> None:
    box, port = mailbox
    url, received = webhook
    notifier = start_notifier(notify_settings(port, url))
    # JSON may carry a lone surrogate ("\ud800"), which no UTF-8 encoder accepts.
    notifier.comment_received(event(name="Jo\ud800nas", text="Salat\ud800bar"))
    assert notifier.wait_idle(WAIT)
    assert "Salat?bar" in body(box.to(EDITOR)[0])
    assert box.to(EDITOR)[0]["Subject"] == "Neuer Kommentar zu «Ideen für die Kantine»"
    assert received[0]["json"]["name"] == "Jo?nas"


def test_a_broken_event_is_logged_and_never_raises_into_the_request(
    mailbox, start_notifier, caplog: pytest.LogCaptureFixture
) -> None:
    _, port = mailbox
    notifier = start_notifier(notify_settings(port))
    with caplog.at_level(logging.WARNING, logger="faces_backend"):
        notifier.comment_received(event(author_profiles=None))
    assert [r.getMessage() for r in caplog.records] == [
        "faces_backend: notify: notice of new comment c-0123456789ab failed: TypeError"
    ]
