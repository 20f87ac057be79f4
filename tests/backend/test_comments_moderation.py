"""The moderation page: token login, SSO, CSRF and origin checks, decisions and replies."""

from __future__ import annotations

import re
from typing import Any

import pytest

from faces_backend import Settings
from tests.backend.comments_support import COMMENTS, RecordingNotifier
from tests.backend.helpers import JSON, TestClient, rows
from tests.backend.moderation_support import SELF, TOKEN, csrf_token, sign_in

pytestmark = pytest.mark.both_stores

PAGE = "/moderation/comments"


@pytest.fixture
def client(make_comment_client: Any) -> TestClient:
    """A backend with a moderation token."""
    made: TestClient = make_comment_client(comments={"moderation_token": TOKEN})
    return made


def submit(client: TestClient, **changes: str) -> str:
    """Post a good comment; return its id."""
    comment_id: str = COMMENTS.post(client, **changes).json()["id"]
    return comment_id


def login(client: TestClient) -> str:
    """Sign in with the token; return the page's CSRF token."""
    sign_in(client)
    return csrf_token(client, PAGE)


def decide(
    client: TestClient, comment_id: str, headers: dict[str, str] = SELF, **fields: str
) -> Any:
    """Post a moderator's form on a comment as given; a redirect is not followed."""
    return client.post(f"{PAGE}/{comment_id}", data=fields, headers=headers, follow_redirects=False)


def status(settings: Settings, comment_id: str) -> str:
    """Return a comment's status."""
    value: str = rows(settings, "SELECT status FROM comments WHERE id = ?", comment_id)[0][0]
    return value


def test_without_login_the_page_shows_only_the_login_form(client: TestClient) -> None:
    submit(client, text="Geheimer Text")
    answer = client.get(PAGE)
    assert answer.status_code == 200
    assert 'type="password"' in answer.text and "Geheimer Text" not in answer.text
    assert "form-action 'self'" in answer.headers["content-security-policy"]


def test_a_wrong_token_or_a_foreign_origin_does_not_sign_in(client: TestClient) -> None:
    wrong = client.post(
        f"{PAGE}/login", data={"token": "x" * 48}, headers=SELF, follow_redirects=False
    )
    assert wrong.status_code == 403 and "Schlüssel stimmt nicht" in wrong.text
    foreign = client.post(
        f"{PAGE}/login",
        data={"token": TOKEN},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert foreign.status_code == 403
    assert "faces_moderation" not in client.cookies


def test_no_token_configured_means_no_token_login(make_comment_client: Any) -> None:
    client = make_comment_client()
    answer = client.post(f"{PAGE}/login", data={"token": ""}, headers=SELF, follow_redirects=False)
    assert answer.status_code == 403


def test_a_forged_session_cookie_is_not_a_login(client: TestClient) -> None:
    submit(client, text="Geheimer Text")
    client.cookies.set("faces_moderation", "99999999999.abc.def", path=PAGE)
    assert "Geheimer Text" not in client.get(PAGE).text


def test_sign_in_approve_reject_and_reply_as_the_author(
    client: TestClient, settings: Settings, notifier: RecordingNotifier
) -> None:
    good, bad = submit(client, text="Gute Idee"), submit(client, text="Kauft Uhren")
    csrf = login(client)
    page = client.get(PAGE).text
    assert "Gute Idee" in page and "Kauft Uhren" in page and "Als Autorin antworten" in page
    assert '<option value="anna-muster">' in page
    approved = decide(client, good, csrf=csrf, action="approve")
    assert approved.status_code == 303 and status(settings, good) == "approved"
    decide(client, bad, csrf=csrf, action="reject", reason="spam")
    assert status(settings, bad) == "rejected"
    replied = decide(
        client, good, csrf=csrf, action="reply", profile="anna-muster", text="Danke!\r\nMachen wir."
    )
    assert replied.status_code == 303
    assert rows(settings, "SELECT profile, text, status FROM comments WHERE parent = ?", good) == [
        ("anna-muster", "Danke!\nMachen wir.", "approved")
    ]
    kinds = [kind for kind, _ in notifier.calls]
    assert kinds.count("approved") == 2 and ("forget", bad) in notifier.calls
    assert "Keine Kommentare warten" in client.get(PAGE).text


def test_posts_without_the_csrf_token_or_from_another_origin_change_nothing(
    client: TestClient, settings: Settings
) -> None:
    comment = submit(client)
    csrf = login(client)
    missing = decide(client, comment, action="approve")
    assert missing.status_code == 403
    wrong = decide(client, comment, action="approve", csrf="0" * 64)
    assert wrong.status_code == 403
    foreign = decide(
        client, comment, {"Origin": "https://evil.example"}, action="approve", csrf=csrf
    )
    assert foreign.status_code == 403
    cross_site = decide(
        client, comment, {"Sec-Fetch-Site": "cross-site"}, action="approve", csrf=csrf
    )
    assert cross_site.status_code == 403
    assert status(settings, comment) == "pending"
    unknown = decide(client, comment, action="delete-all", csrf=csrf)
    assert unknown.status_code == 422
    bad_reason = decide(client, comment, action="reject", reason="x", csrf=csrf)
    assert bad_reason.status_code == 422
    assert status(settings, comment) == "pending"


def test_sso_moderators_decide_and_authors_only_reply_on_their_own_posts(
    make_comment_client: Any, settings: Settings
) -> None:
    client = make_comment_client(voter_mode="header", comments={"moderators": ("chefin",)})
    staff = {**JSON, "X-Remote-User": "lena"}
    comment = COMMENTS.post(client, staff).json()["id"]
    as_author = {"X-Remote-User": "FIRMA\\anna-muster", **SELF}
    page = client.get(PAGE, headers=as_author).text
    assert "Eine Salatbar" in page and "Freigeben" not in page
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf is not None
    refused = decide(client, comment, as_author, csrf=csrf.group(1), action="approve")
    assert refused.status_code == 403 and status(settings, comment) == "pending"
    reply = decide(
        client,
        comment,
        as_author,
        csrf=csrf.group(1),
        action="reply",
        profile="someone-else",
        text="Danke!",
    )
    assert reply.status_code == 303
    assert rows(settings, "SELECT profile FROM comments WHERE parent = ?", comment) == [
        ("anna-muster",)
    ]
    stranger = {"X-Remote-User": "carla", **SELF}
    assert 'type="password"' in client.get(PAGE, headers=stranger).text
    boss = {"X-Remote-User": "chefin", **SELF}
    assert (
        "Freigeben" not in client.get(PAGE, headers=boss).text
    )  # nothing left: parent approved by the reply
