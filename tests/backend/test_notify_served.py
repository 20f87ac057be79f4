"""The opt-in links over real HTTP: uvicorn, the app mounted at /api, settings from FACES_*."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.backend.notify_helpers import COMMENTER, EDITOR, WAIT, body, reply

pytestmark = pytest.mark.both_stores


def fetch(
    url: str,
    *,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    """Open a URL with the standard library; return the status and the page."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None and not request.has_header("Content-type"):
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_confirm_then_a_mail_programs_one_click_unsubscribe(served) -> None:
    base, notifier, box = served
    notifier.subscribe("c-0123456789ab", COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    [confirmation] = box.to(COMMENTER)
    confirm_url = next(line for line in body(confirmation).split() if "/confirm?" in line)
    assert confirm_url.startswith(f"{base}/api/comments/subscription/confirm?token=")
    assert fetch(confirm_url)[0] == 200
    assert fetch(confirm_url)[0] == 409
    # RFC 8058: the mail program POSTs this body to the List-Unsubscribe address.
    stop_url = confirmation["List-Unsubscribe"].strip("<>")
    status, page = fetch(stop_url, method="POST", data=b"List-Unsubscribe=One-Click")
    assert status == 200
    assert "Ihre Adresse ist gelöscht" in page
    notifier.comment_approved(reply("c-0123456789ab"))
    assert notifier.wait_idle(WAIT)
    assert len(box.to(COMMENTER)) == 1  # unsubscribed: no reply mail
    assert fetch(stop_url, method="POST", data=b"List-Unsubscribe=One-Click")[0] == 404


def test_a_comment_sent_to_the_served_app_mails_the_editors_and_starts_the_opt_in(
    served,
) -> None:
    base, notifier, box = served
    stamp = json.loads(fetch(f"{base}/api/comments/stamp")[1])["stamp"]
    comment = {
        "thread": "posts/2026/kantine",
        "name": "Lena",
        "text": "Eine Salatbar wäre schön.",
        "email": COMMENTER,
        "notify": "on",
        "stamp": stamp,
    }
    headers = {"Content-Type": "application/json", "Accept": "application/json", "Origin": base}
    status, answer = fetch(
        f"{base}/api/comments", method="POST", data=json.dumps(comment).encode(), headers=headers
    )
    assert status == 201, answer
    assert json.loads(answer)["status"] == "pending"
    assert notifier.wait_idle(WAIT)
    [to_editor] = box.to(EDITOR)
    assert "Eine Salatbar wäre schön." in body(to_editor) and COMMENTER not in body(to_editor)
    [confirmation] = box.to(COMMENTER)
    assert "/api/comments/subscription/confirm?token=" in body(confirmation)


def test_the_editors_mails_link_to_the_moderation_page_the_backend_serves(served) -> None:
    base, notifier, _ = served
    assert notifier.settings.moderation_url == f"{base}/api/moderation/comments"
    status, page = fetch(notifier.settings.moderation_url)
    assert status == 200 and 'name="token"' in page
