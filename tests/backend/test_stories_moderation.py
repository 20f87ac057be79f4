"""The story queue page: the shared login, CSRF and origin, accept and decline with checks."""

from __future__ import annotations

import re
from typing import Any

import pytest

from faces_backend import Settings
from tests.backend.helpers import JSON, TestClient, rows
from tests.backend.moderation_support import LOGIN_PAGE, SELF, TOKEN, csrf_token, sign_in
from tests.backend.stories_support import STORIES, make_story_client, story_settings

pytestmark = pytest.mark.both_stores

__all__ = ["make_story_client", "story_settings"]

PAGE = "/moderation/stories"


@pytest.fixture
def client(make_story_client: Any) -> TestClient:
    """A backend with a moderation token and one pending proposal."""
    made: TestClient = make_story_client(comments={"moderation_token": TOKEN})
    assert STORIES.post(made, text="Geheime Geschichte").status_code == 201
    return made


def story_id(settings: Settings) -> str:
    """Return the id of the one stored proposal."""
    value: str = rows(settings, "SELECT id FROM stories")[0][0]
    return value


def login(client: TestClient) -> str:
    """Sign in on the comments' page (one login for both); return the story page's CSRF token."""
    sign_in(client)
    assert f'href="{PAGE}"' in client.get(LOGIN_PAGE).text
    return csrf_token(client, PAGE)


def test_without_login_the_page_shows_no_proposal_and_decides_nothing(
    client: TestClient, settings: Settings
) -> None:
    answer = client.get(PAGE)
    assert answer.status_code == 200 and "Geheime Geschichte" not in answer.text
    assert 'href="/moderation/comments"' in answer.text
    forged = client.post(f"{PAGE}/{story_id(settings)}", data={"action": "decline"}, headers=SELF)
    assert forged.status_code == 403
    assert rows(settings, "SELECT status FROM stories") == [("pending",)]


def test_sign_in_then_accept_shows_the_contact_once_and_deletes_it(
    client: TestClient, settings: Settings
) -> None:
    csrf = login(client)
    page = client.get(PAGE).text
    assert "Geheime Geschichte" in page and "lena@example.com" in page
    assert '<option value="anna-muster">' in page
    target = f"{PAGE}/{story_id(settings)}"
    answer = client.post(
        target, data={"csrf": csrf, "action": "accept", "editor": "ben-beispiel"}, headers=SELF
    )
    assert answer.status_code == 200
    assert "zuständig: ben-beispiel" in answer.text
    assert "Ergebnis mit: lena@example.com" in answer.text
    assert rows(settings, "SELECT status, editor, contact FROM stories") == [
        ("accepted", "ben-beispiel", None)
    ]
    assert "lena@example.com" not in client.get(PAGE).text


@pytest.mark.parametrize(
    ("data", "headers", "code", "words"),
    [
        ({"action": "accept", "editor": "nobody"}, SELF, 422, "kein Profil dieser Website"),
        ({"action": "decline", "reason": "   "}, SELF, 422, "--reason ist leer"),
        ({"action": "publish"}, SELF, 422, "Unbekannte Aktion"),
        ({"action": "decline", "reason": "x"}, {"Origin": "https://evil.example"}, 403, "veraltet"),
        ({"action": "decline", "reason": "x", "csrf": "0" * 64}, SELF, 403, "veraltet"),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(
    client: TestClient,
    settings: Settings,
    data: dict[str, str],
    headers: dict[str, str],
    code: int,
    words: str,
) -> None:
    csrf = login(client)
    answer = client.post(
        f"{PAGE}/{story_id(settings)}", data={"csrf": csrf, **data}, headers=headers
    )
    assert answer.status_code == code and words in answer.text
    assert rows(settings, "SELECT status, contact FROM stories") == [
        ("pending", "lena@example.com")
    ]


def test_decline_records_an_internal_reason(client: TestClient, settings: Settings) -> None:
    csrf = login(client)
    answer = client.post(
        f"{PAGE}/{story_id(settings)}",
        data={"csrf": csrf, "action": "decline", "reason": "Schon erzählt"},
        headers=SELF,
    )
    assert answer.status_code == 200 and "wird nie veröffentlicht" in answer.text
    assert rows(settings, "SELECT status, reason, contact FROM stories") == [
        ("declined", "Schon erzählt", None)
    ]
    again = client.post(
        f"{PAGE}/{story_id(settings)}",
        data={"csrf": csrf, "action": "decline", "reason": "x"},
        headers=SELF,
    )
    assert again.status_code == 422 and "schon entschieden" in again.text


def test_on_the_intranet_a_listed_moderator_decides_by_sso_and_an_author_may_not(
    make_story_client: Any, settings: Settings
) -> None:
    client = make_story_client(voter_mode="header", comments={"moderators": ("FIRMA\\chefin",)})
    signed_in = {"X-Remote-User": "FIRMA\\lena"}
    assert STORIES.post(client, headers={**JSON, **signed_in}).status_code == 201
    assert "Eva Beispiel" not in client.get(PAGE, headers=signed_in).text
    moderator = {"X-Remote-User": "FIRMA\\chefin"}
    page = client.get(PAGE, headers=moderator).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert csrf is not None and "Eva Beispiel" in page
    answer = client.post(
        f"{PAGE}/{story_id(settings)}",
        data={"csrf": csrf.group(1), "action": "decline", "reason": "Schon erzählt"},
        headers={**SELF, **moderator},
    )
    assert answer.status_code == 200
    assert rows(settings, "SELECT status FROM stories") == [("declined",)]
