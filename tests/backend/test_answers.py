"""Content negotiation: JSON for scripts, the answer page for plain forms."""

from __future__ import annotations

import pytest

from faces_backend.http.accept import prefers_json
from faces_backend.polls.answers import Answer, render


@pytest.mark.parametrize(
    ("accept", "json"),
    [
        ("application/json", True),
        ("application/json, text/plain, */*", True),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),
        ("*/*", False),
        ("", False),
        ("text/html;q=0.5, application/json", True),
        ("application/json;q=0.4, text/html;q=0.5", False),
        ("application/*", True),
        ("application/json;q=0", False),
        ("application/json;q=bogus", False),
    ],
)
def test_prefers_json(accept: str, json: bool) -> None:
    assert prefers_json(accept) is json


def test_render_picks_json_or_the_answer_page() -> None:
    answer = Answer("rate_limited", "p", "Warten", retry_after=30)
    as_json = render(answer, want_json=True, headers={}, voice="de", locale="de_CH", stylesheets=())
    assert (as_json.status_code, as_json.headers["retry-after"]) == (429, "30")
    assert "content-security-policy" not in as_json.headers
    html = render(
        answer,
        want_json=False,
        headers={"X-Test": "1"},
        voice="de",
        locale="de_CH",
        stylesheets=(),
    )
    assert (html.status_code, html.headers["x-test"]) == (429, "1")
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.headers["cache-control"] == "no-store"
    assert html.headers["content-security-policy"].startswith("default-src 'none'")
    assert "location" not in html.headers
