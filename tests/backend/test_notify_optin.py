"""Double opt-in for reply mails: confirm, stop, one reply mail, no mail to strangers."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from starlette.applications import Starlette

from faces_backend.comments.notify import CommentNotifier, subscription_routes
from faces_backend.comments.notify.store import hash_token
from tests.backend.helpers import TestClient
from tests.backend.notify_helpers import (
    COMMENTER,
    PUBLIC_URL,
    WAIT,
    body,
    event,
    notify_settings,
    reply,
)

pytestmark = pytest.mark.both_stores

PARENT = "c-0123456789ab"
LINK = re.compile(re.escape(PUBLIC_URL) + r"/comments/subscription/(confirm|stop)\?token=[\w-]+")


@pytest.fixture
def notifier(mailbox, start_notifier) -> CommentNotifier:
    """A notifier mailing the test SMTP server."""
    _, port = mailbox
    return start_notifier(notify_settings(port))


@pytest.fixture
def client(notifier: CommentNotifier) -> TestClient:
    """The two opt-in links served by a Starlette app, in-process."""
    app = Starlette(routes=subscription_routes(lambda request: notifier))
    with TestClient(app, base_url="https://blog.example.com") as test_client:
        yield test_client


def links(message) -> dict[str, str]:
    """The confirm and stop links of a mail, as paths with their query."""
    found = {}
    for match in LINK.finditer(body(message)):
        parts = urlsplit(match.group(0))
        found[match.group(1)] = f"{parts.path.removeprefix('/api')}?{parts.query}"
    return found


def stored(db_path: Path) -> list[tuple[str, ...]]:
    """The opt-in rows: comment, address, token hash, confirmed."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT comment_id, email, token_hash, confirmed FROM comment_subscriptions "
            "ORDER BY comment_id"
        ).fetchall()
    finally:
        conn.close()


def subscribe_and_confirm(notifier: CommentNotifier, box, client: TestClient) -> None:
    """Opt in for PARENT with COMMENTER and open the confirmation link."""
    notifier.subscribe(PARENT, COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    assert client.get(links(box.to(COMMENTER)[-1])["confirm"]).status_code == 200


def test_opt_in_sends_one_confirmation_and_stores_only_a_token_hash(
    notifier, mailbox, store
) -> None:
    box, _ = mailbox
    notifier.comment_received(event(PARENT))
    notifier.subscribe(PARENT, COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    [message] = box.to(COMMENTER)
    assert message["Subject"] == "Bitte bestätigen: Benachrichtigung bei einer Antwort"
    found = links(message)
    token = parse_qs(urlsplit(found["confirm"]).query)["token"][0]
    assert message["List-Unsubscribe"] == f"<{PUBLIC_URL}{found['stop']}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "nach spätestens 30 Tagen gelöscht" in body(message)
    [row] = stored(store.writer.db_path)
    assert row == (PARENT, COMMENTER, hash_token(token), None)
    raw = Path(store.writer.db_path).read_bytes() + Path(f"{store.writer.db_path}-wal").read_bytes()
    assert token.encode() not in raw


def test_a_second_opt_in_within_the_hour_sends_no_second_mail(notifier, mailbox, client) -> None:
    box, _ = mailbox
    notifier.subscribe(PARENT, COMMENTER, "de")
    notifier.subscribe("c-aaaaaaaaaaaa", COMMENTER.upper(), "de")
    notifier.subscribe("c-bbbbbbbbbbbb", COMMENTER, "en")
    assert notifier.wait_idle(WAIT)
    assert len(box.messages) == 1
    # The one link confirms all three opt-ins of the address.
    assert client.get(links(box.to(COMMENTER)[0])["confirm"]).status_code == 200
    for comment in ("c-aaaaaaaaaaaa", "c-bbbbbbbbbbbb"):
        notifier.comment_approved(reply(comment, comment_id=f"c-reply{comment[-5:]}"))
    assert notifier.wait_idle(WAIT)
    assert len(box.messages) == 3


def test_confirm_answers_a_valid_page_then_409_on_replay(notifier, mailbox, client) -> None:
    box, _ = mailbox
    notifier.subscribe(PARENT, COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    confirm = links(box.to(COMMENTER)[0])["confirm"]
    first = client.get(confirm)
    assert first.status_code == 200
    assert first.headers["Referrer-Policy"] == "no-referrer"
    assert first.headers["Cache-Control"] == "no-store"
    page = BeautifulSoup(first.text, "html.parser")
    assert page.html["lang"] == "de"
    assert page.find(role="status").get_text() == (
        "Danke! Sie erhalten eine E-Mail, sobald eine Autorin oder ein Autor auf Ihren "
        "Kommentar antwortet, und danach keine weitere."
    )
    again = client.get(confirm)
    assert again.status_code == 409
    assert "bereits bestätigt" in again.text


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("?token=", 400),
        ("?token=short", 400),
        ("?token=" + "x" * 200, 400),
        ("?token=%3Cscript%3Ealert(1)%3C%2Fscript%3E-aaaaaaaaaaaaaaaa", 400),
        ("?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&token=B", 400),
        ("?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 404),
    ],
)
@pytest.mark.parametrize("path", ["confirm", "stop"])
def test_bad_and_unknown_tokens_get_a_clear_4xx(client, path: str, query: str, status) -> None:
    answer = client.get(f"/comments/subscription/{path}{query}")
    assert answer.status_code == status
    message = BeautifulSoup(answer.text, "html.parser").find(role="status").get_text()
    assert message.startswith("Dieser Link ist")
    assert "<script>" not in answer.text


def test_stop_deletes_the_address_and_a_replay_is_404(notifier, mailbox, client, store) -> None:
    box, _ = mailbox
    notifier.subscribe(PARENT, COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    stop = links(box.to(COMMENTER)[0])["stop"]
    assert client.get(stop).status_code == 200
    assert stored(store.writer.db_path) == []
    assert client.get(stop).status_code == 404


def test_one_click_unsubscribe_by_post(notifier, mailbox, client, store) -> None:
    box, _ = mailbox
    notifier.subscribe(PARENT, COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    stop = links(box.to(COMMENTER)[0])["stop"]
    answer = client.post(stop, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert stored(store.writer.db_path) == []


def test_an_authors_reply_mails_the_confirmed_commenter_once(
    notifier, mailbox, client, store
) -> None:
    box, _ = mailbox
    subscribe_and_confirm(notifier, box, client)
    notifier.comment_approved(reply(PARENT))
    notifier.comment_approved(reply(PARENT, comment_id="c-second000000"))
    assert notifier.wait_idle(WAIT)
    [_confirmation, message] = box.to(COMMENTER)
    assert message["Subject"] == "Lea Meier hat auf Ihren Kommentar geantwortet"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = body(message)
    assert "Danke, wir prüfen das!" in text
    assert "https://blog.example.com/2026/ideen-fuer-die-kantine/" in text
    assert set(links(message)) == {"stop"}
    assert stored(store.writer.db_path) == []  # one mail per opt-in, then the address is gone


def test_no_reply_mail_without_confirmation(notifier, mailbox) -> None:
    box, _ = mailbox
    notifier.subscribe(PARENT, COMMENTER, "de")
    notifier.comment_approved(reply(PARENT))
    assert notifier.wait_idle(WAIT)
    assert len(box.to(COMMENTER)) == 1  # the confirmation and nothing else


@pytest.mark.parametrize(
    "approved",
    [
        reply(PARENT, profile=None),  # a reader's reply, not a profile's
        event("c-111111111111"),  # a top-level comment
        reply("c-999999999999"),  # a reply to another comment
    ],
)
def test_only_a_profiles_reply_to_the_comment_sends_a_mail(
    notifier, mailbox, client, approved
) -> None:
    box, _ = mailbox
    subscribe_and_confirm(notifier, box, client)
    notifier.comment_approved(approved)
    assert notifier.wait_idle(WAIT)
    assert len(box.to(COMMENTER)) == 1


def test_english_opt_in(notifier, mailbox, client) -> None:
    box, _ = mailbox
    notifier.subscribe(PARENT, COMMENTER, "en")
    assert notifier.wait_idle(WAIT)
    assert box.to(COMMENTER)[0]["Subject"] == "Please confirm: a mail when someone replies"
    assert client.get(links(box.to(COMMENTER)[0])["confirm"]).status_code == 200
    notifier.comment_approved(reply(PARENT))
    assert notifier.wait_idle(WAIT)
    assert box.to(COMMENTER)[1]["Subject"] == "Lea Meier replied to your comment"


@pytest.mark.parametrize(
    "address", ["", "not-an-address", "a@b", "x@y.example\r\nBcc: z@w.example", "a" * 250 + "@b.ch"]
)
def test_a_bad_address_is_neither_stored_nor_mailed(notifier, mailbox, store, address) -> None:
    box, _ = mailbox
    notifier.subscribe(PARENT, address, "de")
    assert notifier.wait_idle(WAIT)
    assert box.messages == []
    assert stored(store.writer.db_path) == []


def test_forget_drops_the_address(notifier, store) -> None:
    notifier.subscribe(PARENT, COMMENTER, "de")
    notifier.subscribe("c-222222222222", "other@mail.example", "de")
    notifier.forget(PARENT)
    assert notifier.wait_idle(WAIT)
    assert [row[0] for row in stored(store.writer.db_path)] == ["c-222222222222"]


def test_a_closed_thread_drops_its_addresses(notifier, store) -> None:
    notifier.subscribe(PARENT, COMMENTER, "de")  # the opt-in may arrive before the event
    notifier.comment_received(event(PARENT))
    notifier.comment_received(event("c-333333333333", thread="posts/other"))
    notifier.subscribe("c-333333333333", "other@mail.example", "de")
    notifier.forget_thread("posts/2026/ideen-fuer-die-kantine")
    assert notifier.wait_idle(WAIT)
    assert [row[0] for row in stored(store.writer.db_path)] == ["c-333333333333"]


def test_retention_purge_deletes_old_addresses(mailbox, start_notifier, store) -> None:
    _, port = mailbox
    now = [datetime(2026, 12, 1, tzinfo=UTC)]
    notifier = start_notifier(notify_settings(port, retention_days=30), clock=lambda: now[0])
    notifier.subscribe(PARENT, COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    now[0] += timedelta(days=29, hours=23)
    notifier.subscribe("c-444444444444", "other@mail.example", "de")
    assert notifier.wait_idle(WAIT)
    now[0] += timedelta(hours=2)  # the first is now 30 days and 1 hour old
    notifier.purge_expired()
    assert [row[0] for row in stored(store.writer.db_path)] == ["c-444444444444"]


def test_the_hourly_purge_drops_addresses_of_threads_no_longer_open(
    mailbox, start_notifier, store
) -> None:
    _, port = mailbox
    open_threads: list[set[str] | None] = [None]
    notifier = start_notifier(notify_settings(port), open_threads=lambda: open_threads[0])
    notifier.comment_received(event(PARENT))
    notifier.subscribe(PARENT, COMMENTER, "de")
    notifier.comment_received(event("c-555555555555", thread="posts/still-open"))
    notifier.subscribe("c-555555555555", "other@mail.example", "de")
    notifier.subscribe("c-666666666666", "third@mail.example", "de")  # thread not known yet
    assert notifier.wait_idle(WAIT)
    notifier.purge_expired()  # the manifest is not loaded: nothing is known to be closed
    assert len(stored(store.writer.db_path)) == 3
    open_threads[0] = {"posts/still-open", "posts/another"}
    notifier.purge_expired()
    assert [row[0] for row in stored(store.writer.db_path)] == ["c-555555555555", "c-666666666666"]


def test_mail_server_down_keeps_the_opt_in(start_notifier, store, refusing_port: int) -> None:
    notifier = start_notifier(notify_settings(refusing_port))
    notifier.subscribe(PARENT, COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    assert [row[0] for row in stored(store.writer.db_path)] == [PARENT]


def test_without_smtp_no_address_is_stored(start_notifier, store) -> None:
    notifier = start_notifier(notify_settings(0, smtp=None))
    notifier.subscribe(PARENT, COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    assert stored(store.writer.db_path) == []
