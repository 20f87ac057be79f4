"""Content negotiation, the redirect target and the fallback page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from faces_backend.answers import Answer, page, prefers_json, redirect_target, render


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


@pytest.mark.parametrize(
    ("next_url", "status", "poll", "target"),
    [
        (
            "https://blog.example.com/posts/x/",
            "counted",
            "p-1",
            "https://blog.example.com/posts/x/?poll_status=counted&poll=p-1#poll-p-1-counted",
        ),
        (
            "https://blog.example.com/posts/x/?lang=de&poll_status=old&poll=old#comments",
            "closed",
            "p-1",
            "https://blog.example.com/posts/x/?lang=de&poll_status=closed&poll=p-1#poll-p-1-closed",
        ),
        (
            "https://blog.example.com/x#here",
            "malformed",
            None,
            "https://blog.example.com/x?poll_status=malformed#here",
        ),
        (
            "https://blog.example.com/x",
            "unknown_poll",
            "<script>",
            "https://blog.example.com/x?poll_status=unknown_poll",
        ),
    ],
)
def test_redirect_target(next_url: str, status: str, poll: str | None, target: str) -> None:
    assert redirect_target(next_url, status, poll) == target


def test_page_escapes_and_links_back() -> None:
    answer = Answer("invalid", "p", "Feld „<b>“ fehlt & mehr", back_url='/x/?a=1&b="2"')
    parsed = BeautifulSoup(page(answer), "html.parser")
    assert [p.get_text() for p in parsed.find_all("p")] == [
        "Feld „<b>“ fehlt & mehr",
        "Zurück zum Beitrag",
    ]
    assert parsed.find("b") is None
    assert parsed.a is not None and parsed.a["href"] == '/x/?a=1&b="2"'
    meta = parsed.find("meta", attrs={"name": "robots"})
    assert meta is not None and meta["content"] == "noindex"


def test_render_picks_json_redirect_or_page() -> None:
    answer = Answer("rate_limited", "p", "Warten", retry_after=30)
    as_json = render(answer, want_json=True, next_url="https://b.example/", headers={})
    assert (as_json.status_code, as_json.headers["retry-after"]) == (429, "30")
    redirect = render(answer, want_json=False, next_url="https://b.example/", headers={})
    assert redirect.status_code == 303
    assert (
        redirect.headers["location"]
        == "https://b.example/?poll_status=rate_limited&poll=p#poll-p-rate_limited"
    )
    html = render(answer, want_json=False, next_url=None, headers={"X-Test": "1"})
    assert (html.status_code, html.headers["x-test"]) == (429, "1")
    assert html.headers["content-type"] == "text/html; charset=utf-8"
