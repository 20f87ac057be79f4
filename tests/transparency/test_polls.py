"""Poll outcomes from what idea_polls publishes: votes, leaders, decisions, withheld results."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as Obj

from transparency.polls import PollOutcome, read_polls, site_path

TODAY = dt.date(2026, 6, 30)


def poll(**fields: object) -> Obj:
    values: dict[str, object] = {
        "id": "kurs",
        "question": "Welcher Kurs?",
        "options": [Obj(id="a", label="Pannenhilfe"), Obj(id="b", label="Bremsen")],
        "decision": Obj(status="planned", response="Start im Januar."),
        "article_url": "2026/kurs/",
        "article_title": "Welcher Kurs?",
        "snapshot": Obj(total=120, votes={"a": 55, "b": 65}),
        "results_mode": "live",
        "closes": None,
        **fields,
    }
    return Obj(**values)


def test_without_the_plugin_there_are_no_polls_and_with_it_maybe_none() -> None:
    assert read_polls({}, TODAY) is None
    assert read_polls({"idea_polls": []}, TODAY) == []


def test_a_poll_with_results_and_a_decision() -> None:
    assert read_polls({"idea_polls": [poll()]}, TODAY) == [
        PollOutcome(
            "kurs",
            "Welcher Kurs?",
            "2026/kurs/",
            "Welcher Kurs?",
            120,
            ("Bremsen",),
            65,
            "planned",
            "Start im Januar.",
        )
    ]


def test_a_tie_names_every_leader_in_the_poll_order_and_no_votes_no_leader() -> None:
    tied = poll(snapshot=Obj(total=20, votes={"b": 10, "a": 10}))
    empty = poll(snapshot=Obj(total=0, votes={}), decision=None)
    [first, second] = read_polls({"idea_polls": [tied, empty]}, TODAY) or []
    assert (first.leaders, first.leading_votes) == (("Pannenhilfe", "Bremsen"), 10)
    assert (second.total, second.leaders, second.decision_status) == (0, (), None)


def test_results_of_a_running_poll_shown_only_at_its_close_are_withheld() -> None:
    running = poll(results_mode="after_close", closes=dt.datetime(2026, 7, 31, 23, 59))
    closed = poll(results_mode="after_close", closes=dt.datetime(2026, 6, 1))
    [hidden, shown] = read_polls({"idea_polls": [running, closed]}, TODAY) or []
    assert (hidden.withheld, hidden.total, hidden.leaders) == (True, None, ())
    assert (shown.withheld, shown.total) == (False, 120)


def test_a_snapshot_as_plain_json_with_an_options_mapping_is_read_too() -> None:
    plain = poll(snapshot={"total": 7, "options": {"a": 5, "b": 2}})
    [outcome] = read_polls({"idea_polls": [plain]}, TODAY) or []
    assert (outcome.total, outcome.leaders, outcome.leading_votes) == (7, ("Pannenhilfe",), 5)


def test_the_post_address_becomes_a_path_inside_the_site_whatever_siteurl_is() -> None:
    published = poll(article_url="https://blog.example/blog/2026/kurs/")
    [outcome] = read_polls({"idea_polls": [published]}, TODAY, "https://blog.example/blog") or []
    assert outcome.article_url == "2026/kurs/"
    assert site_path("/2026/kurs/", "") == "2026/kurs/"
    assert site_path("2026/kurs/", "") == "2026/kurs/"
    assert site_path("https://elsewhere.example/x/", "https://blog.example") == (
        "https://elsewhere.example/x/"
    )
