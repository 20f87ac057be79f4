"""How a poll appears at build time: open form, read-only or closed, numbers only when allowed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from idea_polls.model import Decision, Option, Poll, Snapshot
from idea_polls.render import PollRenderer

from tests.idea_polls.helpers import canonical

FUTURE = datetime(2099, 1, 31, 22, 59, 59, tzinfo=UTC)
PAST = datetime(2026, 7, 15, 21, 59, 59, tzinfo=UTC)
SNAPSHOT = Snapshot(
    total=10,
    votes={"a": 6, "b": 3, "gone": 1},
    generated=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
    suggestions=("Ein Wasserspender",),
)
POLL = Poll(
    id="x",
    question="Was zuerst?",
    options=(Option("a", "Salatbar", "Frisch."), Option("b", "Café")),
    multiple=False,
    max=1,
    closes=FUTURE,
    results_mode="live",
    suggestions=False,
    decision=None,
    source_path="content/posts/x.md",
    line=10,
    article_url="/2026/x/",
    article_title="X",
    snapshot=SNAPSHOT,
)


def render(renderer: PollRenderer, poll: Poll) -> BeautifulSoup:
    return BeautifulSoup(renderer.render(renderer.view(poll, "2026/x/")), "html.parser")


# (results mode, closes, endpoint) -> (state, form shown, numbers shown)
CASES = [
    ("live", FUTURE, "/api/vote", "open", True, True),
    ("after_vote", FUTURE, "/api/vote", "open", True, False),
    ("after_close", FUTURE, "/api/vote", "open", True, False),
    ("after_vote", PAST, "/api/vote", "closed", False, True),
    ("after_close", PAST, "/api/vote", "closed", False, True),
    ("live", FUTURE, None, "readonly", False, True),
    ("after_vote", FUTURE, None, "readonly", False, False),
    ("after_close", FUTURE, None, "readonly", False, False),
]


@pytest.mark.parametrize(("mode", "closes", "endpoint", "state", "form", "numbers"), CASES)
def test_state_form_and_numbers_follow_mode_time_and_endpoint(
    make_renderer: Callable[..., PollRenderer],
    mode: str,
    closes: datetime,
    endpoint: str | None,
    state: str,
    form: bool,
    numbers: bool,
) -> None:
    page = render(make_renderer(endpoint=endpoint), replace(POLL, results_mode=mode, closes=closes))
    section = page.select_one("section.poll")
    assert section is not None
    assert section["class"] == ["poll", f"poll--{state}"]
    assert bool(page.select("form input, form textarea, form button")) is form
    assert bool(page.select("meter")) is numbers
    if not form:
        # Nothing that cannot work: the options are listed, as results or as a plain list.
        assert page.select("input, textarea, button, select") == []
        listed = [li.get_text(" ", strip=True) for li in page.select(".poll__options li")]
        assert listed == ([] if numbers else ["Salatbar Frisch.", "Café"])


def test_closed_poll_shows_the_whole_snapshot(make_renderer: Callable[..., PollRenderer]) -> None:
    poll = replace(POLL, closes=PAST, results_mode="after_close")
    page = render(make_renderer(), poll)
    assert page.select_one(".poll__hint").get_text(" ", strip=True) == (
        "Diese Abstimmung ist geschlossen. Abstimmung beendet am 15. Juli 2026."
    )
    expected = """
    <div class="poll__results" data-poll-results="">
      <p class="poll__results-title">Ergebnis, Stand 20. November 2026 · 10 Personen haben
        abgestimmt</p>
      <ul class="poll__result-list">
        <li class="poll__result">
          <label class="poll__result-label" for="poll-x-result-a">Salatbar</label>
          <meter id="poll-x-result-a" min="0" max="10" value="6">6/10</meter>
          <span class="poll__result-figure">6 Stimmen (60%)</span>
        </li>
        <li class="poll__result">
          <label class="poll__result-label" for="poll-x-result-b">Café</label>
          <meter id="poll-x-result-b" min="0" max="10" value="3">3/10</meter>
          <span class="poll__result-figure">3 Stimmen (30%)</span>
        </li>
      </ul>
    </div>
    """
    assert canonical(page.select_one(".poll__results")) == canonical(expected)
    approved = [li.get_text(strip=True) for li in page.select(".poll__suggestions li")]
    assert approved == ["Ein Wasserspender"]


def test_closed_poll_without_results_yet(make_renderer: Callable[..., PollRenderer]) -> None:
    page = render(make_renderer(), replace(POLL, closes=PAST, snapshot=None))
    assert page.select_one(".poll__results").get_text(strip=True) == (
        "Das Ergebnis veröffentlichen wir hier."
    )


@pytest.mark.parametrize(
    ("status", "title"),
    [
        ("open", "Entscheidung: noch offen"),
        ("planned", "Entscheidung: geplant"),
        ("in_progress", "Entscheidung: in Umsetzung"),
        ("done", "Entscheidung: umgesetzt"),
        ("declined", "Entscheidung: abgelehnt"),
    ],
)
def test_the_decision_is_shown_with_its_status(
    make_renderer: Callable[..., PollRenderer], status: str, title: str
) -> None:
    poll = replace(POLL, decision=Decision(status, "Kommt im März."))
    decision = render(make_renderer(), poll).select_one(".poll__decision")
    assert decision is not None
    assert decision["class"] == ["poll__decision", f"poll__decision--{status}"]
    assert decision.get_text(" ", strip=True) == f"{title} – Kommt im März."


def test_multiple_choice_says_how_many(make_renderer: Callable[..., PollRenderer]) -> None:
    poll = replace(POLL, multiple=True, max=2, options=(*POLL.options, Option("c", "Grill")))
    page = render(make_renderer(), poll)
    assert page.select_one(".poll__hint").get_text(strip=True) == (
        "Wählen Sie bis zu 2 Ideen. Abstimmung bis 31. Januar 2099."
    )
    assert [i["type"] for i in page.select("input[name=choice]")] == ["checkbox"] * 3
    assert page.select("[required]") == []


def test_next_is_the_posts_address_or_its_path_never_left_to_the_referer(
    make_renderer: Callable[..., PollRenderer],
) -> None:
    root = render(make_renderer(site_url=""), POLL)
    assert root.select_one("input[name=_next]")["value"] == "/2026/x/#poll-x"
    under_path = render(make_renderer(site_url="/blog"), POLL)
    assert under_path.select_one("input[name=_next]")["value"] == "/blog/2026/x/#poll-x"
    document_relative = render(make_renderer(site_url=".."), POLL)
    assert document_relative.select("input[name=_next]") == []
    absolute = render(make_renderer(site_url="https://seewerk.example/blog"), POLL)
    assert absolute.select_one("input[name=_next]")["value"] == (
        "https://seewerk.example/blog/2026/x/#poll-x"
    )
