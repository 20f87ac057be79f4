"""POST /comments: every defence and every bad input is refused with a clear 4xx, nothing stored."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from faces_backend import Settings
from tests.backend.comments_support import COMMENTS, RecordingNotifier
from tests.backend.helpers import FORM, JSON, TestClient

pytestmark = pytest.mark.both_stores


def test_a_good_comment_is_stored_pending_and_notified(
    comment_client: TestClient, settings: Settings, notifier: RecordingNotifier
) -> None:
    answer = COMMENTS.post(comment_client)
    assert answer.status_code == 201
    body = answer.json()
    assert body["status"] == "pending" and re.fullmatch(r"c-[0-9a-f]{12}", body["id"])
    assert body["withdraw_url"].startswith(
        f"https://testserver/comments/withdraw/{body['id']}?token="
    )
    assert COMMENTS.stored(settings) == [
        (
            body["id"],
            "posts/2026/kantine",
            None,
            "Lena",
            None,
            "Eine Salatbar wäre schön.\n\nUnd mehr Tische.",
            "pending",
        )
    ]
    assert [kind for kind, _ in notifier.calls] == ["received"]
    event = notifier.calls[0][1]
    assert event.post_title == "Ideen für die Kantine" and event.author_profiles == ("anna-muster",)


def test_the_email_goes_to_the_notifier_only_when_notify_is_on_and_is_never_stored(
    comment_client: TestClient, settings: Settings, notifier: RecordingNotifier
) -> None:
    quiet = COMMENTS.post(comment_client, email="lena.quiet@example.com").json()["id"]
    wants = COMMENTS.post(comment_client, email="lena.wants@example.com", notify="on").json()["id"]
    assert ("subscribe", (wants, "lena.wants@example.com", "de")) in notifier.calls
    assert not any(kind == "subscribe" and args[0] == quiet for kind, args in notifier.calls)
    comment_client.__exit__(None, None, None)  # checkpoint the WAL into the file
    everything = b"".join(
        path.read_bytes() for path in Path(settings.db_path).parent.glob("polls.sqlite3*")
    )
    assert b"example.com" not in everything


@pytest.mark.parametrize(
    ("changes", "code", "field", "error"),
    [
        ({"name": ""}, 422, "name", "missing"),
        ({"name": " \u200b "}, 422, "name", "missing"),
        ({"name": "N" * 81}, 422, "name", "too_long"),
        ({"text": ""}, 422, "text", "missing"),
        ({"text": "x" * 5001}, 422, "text", "too_long"),
        (
            {"text": "a https://a.example b http://b.example c www.c.example"},
            422,
            "text",
            "too_many_links",
        ),
        ({"email": "not-an-address"}, 422, "email", "invalid"),
        ({"email": "a@b.ch\r\nBcc: x@y.ch"}, 422, "email", "invalid"),
        ({"parent": "c-000000000000"}, 422, "parent", "invalid"),
        ({"parent": "../../etc"}, 422, "parent", "invalid"),
        ({"colour": "red"}, 422, "colour", "unknown_field"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_stored(
    comment_client: TestClient,
    settings: Settings,
    changes: dict[str, str],
    code: int,
    field: str,
    error: str,
) -> None:
    body = COMMENTS.refusal(comment_client, settings, code, **changes)
    assert (body["field"], body["error"]) == (field, error)
    assert body["message"]


def test_two_links_are_allowed_and_the_cap_is_a_setting(
    make_comment_client: Any, settings: Settings
) -> None:
    client = make_comment_client()
    assert COMMENTS.post(client, text="see https://a.example and www.b.example").status_code == 201
    strict = make_comment_client(comments={"max_links": 0})
    assert COMMENTS.post(strict, text="see www.b.example").json()["error"] == "too_many_links"


def test_unknown_closed_and_internal_threads(
    comment_client: TestClient, settings: Settings
) -> None:
    assert COMMENTS.post(comment_client, thread="no-such-post").status_code == 404
    assert COMMENTS.post(comment_client, thread="").status_code == 404
    closed = COMMENTS.post(comment_client, thread="alt-post")
    assert closed.status_code == 410 and "keine Kommentare mehr" in closed.json()["message"]
    # The public backend never takes (nor admits to) an internal post's thread.
    assert COMMENTS.post(comment_client, thread="intern-1").status_code == 404
    assert COMMENTS.stored(settings) == []


def test_the_intranet_backend_takes_internal_threads_from_signed_in_staff_only(
    make_comment_client: Any, settings: Settings
) -> None:
    client = make_comment_client(voter_mode="header")
    assert COMMENTS.post(client, thread="intern-1").status_code == 403
    signed_in = {**JSON, "X-Remote-User": "FIRMA\\Anna.Muster"}
    answer = COMMENTS.post(client, headers=signed_in, thread="intern-1", name="")
    assert answer.status_code == 201
    assert COMMENTS.stored(settings)[0][3:5] == ("Anna.Muster", "anna-muster")


def test_a_ten_megabyte_body_is_refused_unread(
    comment_client: TestClient, settings: Settings
) -> None:
    body = b"text=" + b"a" * (10 * 1024 * 1024)
    answer = comment_client.post(
        "/comments",
        content=body,
        headers={**JSON, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 413 and answer.json()["status"] == "too_large"
    assert COMMENTS.stored(settings) == []


def test_a_body_that_is_not_utf8_is_malformed(
    comment_client: TestClient, settings: Settings
) -> None:
    body = b"thread=posts%2F2026%2Fkantine&name=L%E9na&text=hallo"
    answer = comment_client.post(
        "/comments",
        content=body,
        headers={**JSON, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 400 and answer.json()["status"] == "malformed"
    bad_json = comment_client.post(
        "/comments", content=b"\xff{", headers={**JSON, "Content-Type": "application/json"}
    )
    assert bad_json.status_code == 400
    assert COMMENTS.stored(settings) == []


def test_a_json_body_works_like_the_form(comment_client: TestClient, settings: Settings) -> None:
    fields = {**COMMENTS.fields(), "stamp": COMMENTS.stamp(comment_client), "notify": False}
    assert comment_client.post("/comments", json=fields, headers=JSON).status_code == 201
    assert (
        comment_client.post("/comments", json={**fields, "text": 5}, headers=JSON).status_code
        == 400
    )


def test_the_honeypot_looks_like_success_and_stores_nothing(
    comment_client: TestClient, settings: Settings, notifier: RecordingNotifier
) -> None:
    answer = COMMENTS.post(comment_client, _hp="http://spam.example")
    assert answer.status_code == 201 and answer.json()["status"] == "pending"
    assert COMMENTS.stored(settings) == [] and notifier.calls == []


def test_other_origins_and_foreign_next_urls_are_refused(
    comment_client: TestClient, settings: Settings
) -> None:
    foreign = COMMENTS.post(comment_client, headers={**JSON, "Origin": "https://evil.example"})
    assert foreign.status_code == 403
    away = COMMENTS.post(comment_client, _next="https://evil.example/phish")
    assert away.status_code == 403
    assert COMMENTS.stored(settings) == []


def test_a_reply_goes_to_a_top_level_comment_of_the_same_thread(
    comment_client: TestClient, settings: Settings, make_comment_client: Any
) -> None:
    top = COMMENTS.post(comment_client).json()["id"]
    reply = COMMENTS.post(comment_client, parent=top)
    assert reply.status_code == 201
    deeper = COMMENTS.post(comment_client, parent=reply.json()["id"])
    assert (deeper.status_code, deeper.json()["field"]) == (422, "parent")
    intranet = make_comment_client(voter_mode="header")
    staff = {**JSON, "X-Remote-User": "ben"}
    other_thread = COMMENTS.post(intranet, headers=staff, thread="intern-1", parent=top)
    assert (other_thread.status_code, other_thread.json()["field"]) == (422, "parent")
    assert len(COMMENTS.stored(settings)) == 2


def test_messages_follow_the_language_setting(make_comment_client: Any) -> None:
    client = make_comment_client(language="en")
    assert COMMENTS.post(client, name="").json()["message"].startswith("Please give a name")


def test_without_script_the_form_gets_a_preview_then_a_confirmation(
    comment_client: TestClient, settings: Settings
) -> None:
    preview = comment_client.post("/comments", data=COMMENTS.fields(), headers=FORM)
    assert preview.status_code == 200 and "Vorschau: so erscheint Ihr Kommentar" in preview.text
    assert "<p>Eine Salatbar wäre schön.</p>" in preview.text
    assert COMMENTS.stored(settings) == []
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', preview.text))
    assert hidden["thread"] == "posts/2026/kantine" and hidden["stamp"]
    confirm = comment_client.post(
        "/comments", data={**COMMENTS.fields(), "stamp": hidden["stamp"]}, headers=FORM
    )
    assert confirm.status_code == 201
    assert 'href="https://blog.example.com/2026/kantine/#kommentar-wartet"' in confirm.text
    assert re.search(
        r'href="https://testserver/comments/withdraw/c-[0-9a-f]{12}\?token=', confirm.text
    )
    assert len(COMMENTS.stored(settings)) == 1


def test_text_is_stored_as_plain_text(comment_client: TestClient, settings: Settings) -> None:
    COMMENTS.post(comment_client, text="<script>alert(1)</script> **fett**", name="<b>Eve</b>")
    assert COMMENTS.stored(settings)[0][3:6] == (
        "<b>Eve</b>",
        None,
        "<script>alert(1)</script> **fett**",
    )
    preview = comment_client.post(
        "/comments", data=COMMENTS.fields(text="<script>x</script>"), headers=FORM
    )
    assert "<script>x" not in preview.text and "&lt;script&gt;x" in preview.text


def test_the_confirm_button_posts_from_the_backends_own_origin(
    comment_client: TestClient, settings: Settings
) -> None:
    own = {**FORM, "Origin": "https://testserver"}
    answer = COMMENTS.post(comment_client, own)
    assert answer.status_code == 201
    other_port = {**FORM, "Origin": "https://testserver:8443"}
    refused = COMMENTS.post(comment_client, other_port)
    assert refused.status_code == 403
    assert len(COMMENTS.stored(settings)) == 1
