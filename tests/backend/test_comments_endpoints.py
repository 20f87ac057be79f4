"""The live list, withdraw and report endpoints of the comments backend."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import pytest

from faces_backend import Settings
from faces_backend.comments.store import decide
from tests.backend.comments_support import COMMENTS, RecordingNotifier
from tests.backend.helpers import FORM, JSON, ORIGIN, TestClient, connection, rows

pytestmark = pytest.mark.both_stores


def submit(client: TestClient, **changes: str) -> dict[str, Any]:
    """Post a good comment and return the JSON answer."""
    answer: dict[str, Any] = COMMENTS.post(client, **changes).json()
    return answer


def approve(settings: Settings, comment_id: str) -> None:
    """Approve a comment as the moderation tools do."""
    with connection(settings) as conn:
        decide(conn, comment_id, "approved")


def test_the_live_list_shows_approved_comments_only(
    comment_client: TestClient, settings: Settings
) -> None:
    first = submit(comment_client)["id"]
    waiting = submit(comment_client, text="Noch nicht frei")["id"]
    approve(settings, first)
    answer = comment_client.get("/comments/posts/2026/kantine", headers={"Origin": ORIGIN})
    assert answer.status_code == 200
    assert "max-age=15" in answer.headers["cache-control"]
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    body = answer.json()
    assert body["thread"] == "posts/2026/kantine"
    assert [c["id"] for c in body["comments"]] == [first]
    assert set(body["comments"][0]) == {
        "id",
        "parent",
        "name",
        "profile",
        "text",
        "received",
        "approved",
    }
    assert waiting not in answer.text


def test_since_returns_only_comments_approved_after_it(
    comment_client: TestClient, settings: Settings
) -> None:
    first = submit(comment_client)["id"]
    approve(settings, first)
    approved_at = rows(settings, "SELECT decided FROM comments WHERE id = ?", first)[0][0]
    zurich = datetime.fromisoformat(approved_at).astimezone(timezone(timedelta(hours=1)))
    just_before = (zurich - timedelta(milliseconds=1)).isoformat()
    found = comment_client.get("/comments/posts/2026/kantine", params={"since": just_before})
    assert [c["id"] for c in found.json()["comments"]] == [first]
    later = comment_client.get("/comments/posts/2026/kantine", params={"since": zurich.isoformat()})
    assert later.json()["comments"] == []
    earlier = comment_client.get(
        "/comments/posts/2026/kantine", params={"since": "2026-01-01T00:00:00Z"}
    )
    assert [c["id"] for c in earlier.json()["comments"]] == [first]
    for bad in ("gestern", "2026-01-01", "9" * 50):
        assert (
            comment_client.get("/comments/posts/2026/kantine", params={"since": bad}).status_code
            == 400
        )


def test_the_live_list_refuses_unknown_and_internal_threads(comment_client: TestClient) -> None:
    assert comment_client.get("/comments/nothing-here").status_code == 404
    assert comment_client.get("/comments/intern-1").status_code == 404
    assert comment_client.get("/comments/alt-post").status_code == 200  # closed: still shown


def test_withdraw_with_the_right_token_deletes_with_a_wrong_one_nothing(
    comment_client: TestClient, settings: Settings, notifier: RecordingNotifier
) -> None:
    answer = submit(comment_client)
    link = urlsplit(answer["withdraw_url"])
    path = link.path
    asked = comment_client.get(f"{path}?{link.query}")
    assert asked.status_code == 200 and "endgültig zurückziehen" in asked.text
    assert len(rows(settings, "SELECT id FROM comments")) == 1  # a GET deletes nothing
    wrong = comment_client.post(f"{path}?token=not-the-token", headers=JSON)
    assert wrong.status_code == 403 and "Nichts wurde gelöscht" in wrong.json()["message"]
    none = comment_client.post(path, headers=JSON)
    assert none.status_code == 403
    assert len(rows(settings, "SELECT id FROM comments")) == 1
    done = comment_client.post(f"{path}?{link.query}", headers=FORM)
    assert done.status_code == 200 and "gelöscht" in done.text
    assert rows(settings, "SELECT id FROM comments") == []
    assert rows(settings, "SELECT id, kind FROM comment_removals") == [(answer["id"], "withdrawn")]
    assert ("forget", answer["id"]) in notifier.calls
    again = comment_client.post(f"{path}?{link.query}", headers=JSON)
    assert again.status_code == 403


def test_a_report_puts_the_comment_into_the_queue_and_it_stays_visible(
    comment_client: TestClient, settings: Settings
) -> None:
    comment = submit(comment_client)["id"]
    assert (
        comment_client.post(
            f"/comments/{comment}/report", data={"reason": "spam"}, headers=JSON
        ).status_code
        == 404
    )
    approve(settings, comment)
    answer = comment_client.post(
        f"/comments/{comment}/report",
        data={"reason": "insulting", "_next": ORIGIN + "/2026/kantine/"},
        headers=JSON,
    )
    assert answer.status_code == 200 and answer.json()["status"] == "reported"
    assert rows(settings, "SELECT status, reports FROM comments") == [("approved", 1)]
    assert rows(settings, "SELECT reason FROM comment_reports") == [("insulting",)]
    live = comment_client.get("/comments/posts/2026/kantine").json()["comments"]
    assert [c["id"] for c in live] == [comment]


def test_bad_reports_are_refused(comment_client: TestClient, settings: Settings) -> None:
    comment = submit(comment_client)["id"]
    approve(settings, comment)
    url = f"/comments/{comment}/report"
    assert comment_client.post(url, data={"reason": "boring"}, headers=JSON).status_code == 422
    foreign = {**JSON, "Origin": "https://evil.example"}
    assert comment_client.post(url, data={"reason": "spam"}, headers=foreign).status_code == 403
    big = {"reason": "spam", "x": "y" * 5000}
    assert comment_client.post(url, data=big, headers=JSON).status_code == 413
    assert (
        comment_client.post(url, data={"reason": "spam", "_hp": "1"}, headers=JSON).status_code
        == 200
    )
    assert (
        comment_client.post("/comments/c-nothinghere1/report", data={}, headers=JSON).status_code
        == 404
    )
    assert rows(settings, "SELECT reports FROM comments") == [(0,)]


def test_the_stamp_endpoint_and_the_solver_script(comment_client: TestClient) -> None:
    answer = comment_client.get("/comments/stamp", headers={"Origin": ORIGIN})
    assert answer.headers["cache-control"] == "no-store"
    assert answer.json()["stamp"].count(".") == 3
    script = comment_client.get("/comments/pow.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert "facesProofOfWork" in script.text


def test_the_withdraw_link_uses_the_scheme_the_trusted_proxy_reports(
    make_comment_client: Any,
) -> None:
    client = make_comment_client(base_url="http://testserver")
    answer = COMMENTS.post(client, {**JSON, "X-Forwarded-Proto": "https"}).json()
    assert answer["withdraw_url"].startswith("https://testserver/comments/withdraw/")


def test_a_thread_id_with_a_line_break_gets_the_json_404(comment_client: TestClient) -> None:
    # Starlette's `path` convertor stops at a line break; the router's plain-text 404 was not
    # what the OpenAPI document promises (found by the schema fuzzer).
    answer = comment_client.get("/comments/a%0Ab")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["status"] == "unknown_thread"
