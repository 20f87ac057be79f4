"""The repeat window and the per-minute budget, on a clock the test moves by hand."""

from __future__ import annotations

from faces_backend.views.window import ViewWindow
from tests.clock import Clock

UA = "Mozilla/5.0 Firefox/133.0"


def test_a_page_counts_once_per_client_within_the_window() -> None:
    clock = Clock()
    window = ViewWindow(600, 100, clock=clock)
    assert window.check("198.51.100.1", UA, "/a/") == "counted"
    clock.now += 599
    assert window.check("198.51.100.1", UA, "/a/") == "repeat"
    assert window.check("198.51.100.1", UA, "/b/") == "counted"
    assert window.check("198.51.100.2", UA, "/a/") == "counted"
    assert window.check("198.51.100.1", UA + " other", "/a/") == "counted"


def test_a_seen_page_is_forgotten_within_two_windows() -> None:
    clock = Clock()
    window = ViewWindow(600, 100, clock=clock)
    window.check("198.51.100.1", UA, "/a/")
    clock.now += 601  # a new generation begins: the view is in the previous one
    assert window.check("198.51.100.1", UA, "/a/") == "repeat"
    clock.now += 600  # and now the previous generation is dropped
    assert window.check("198.51.100.1", UA, "/a/") == "counted"


def test_the_budget_stops_a_client_walking_many_pages_and_renews_each_minute() -> None:
    clock = Clock()
    window = ViewWindow(600, 3, clock=clock)
    outcomes = [window.check("198.51.100.1", UA, f"/{n}/") for n in range(5)]
    assert outcomes == ["counted"] * 3 + ["rate_limited"] * 2
    assert window.check("198.51.100.2", UA, "/9/") == "counted"
    clock.now += 45
    assert window.budget_resets_in() == 15
    clock.now += 15
    assert window.check("198.51.100.1", UA, "/3/") == "counted"
    # A page refused for the budget was not remembered as seen.
    assert window.check("198.51.100.1", UA, "/4/") == "counted"


def test_memory_stays_bounded_under_a_flood() -> None:
    clock = Clock()
    window = ViewWindow(600, 100, clock=clock, max_keys=100)
    for number in range(1000):
        window.check(f"2001:db8::{number:x}", UA, "/a/")
    assert window.remembered() <= 200


def test_nothing_readable_is_kept() -> None:
    window = ViewWindow(600, 100)
    window.check("198.51.100.1", UA, "/a/")
    held = [*window._current, *window._previous, *window._budget]
    assert held and all(isinstance(item, int) and item.bit_length() <= 64 for item in held)
