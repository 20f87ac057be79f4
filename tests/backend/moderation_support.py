"""Signing in on the moderation pages, shared by the comment and the story queue tests."""

from __future__ import annotations

import re

from tests.backend.helpers import TestClient

TOKEN = "moderation-token-" + "z" * 32
SELF = {"Origin": "https://testserver"}
LOGIN_PAGE = "/moderation/comments"


def sign_in(client: TestClient) -> None:
    """Sign in with the token on the comments' page (one login serves every queue)."""
    answer = client.post(
        f"{LOGIN_PAGE}/login", data={"token": TOKEN}, headers=SELF, follow_redirects=False
    )
    assert answer.status_code == 303


def csrf_token(client: TestClient, page: str) -> str:
    """The CSRF token in the forms of a moderation page of a signed-in moderator."""
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get(page).text)
    assert found is not None, f"no CSRF token on {page}"
    return found.group(1)
