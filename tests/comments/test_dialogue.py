"""The dialogue figures: from the backend's counts and the threads a build shows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from comments.data import Comment, ThreadFile
from comments.figures import ShownThread, dialogue_figures

from tests.sites import BuildRun

MOMENT = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)


def _comment(number: int, minutes: int, profile: str | None = None) -> Comment:
    moment = MOMENT + dt.timedelta(minutes=minutes)
    return Comment(f"c-{number:012x}", None, "x", profile, "t", moment, moment)


def test_reply_share_and_time_from_the_threads_when_the_backend_has_none() -> None:
    answered = ThreadFile(
        "a", "a.json", (_comment(1, 0), _comment(2, 30, "anna"), _comment(3, 90, "anna"))
    )
    self_started = ThreadFile("b", "b.json", (_comment(4, 0, "anna"),))
    other_profile = ThreadFile("c", "c.json", (_comment(5, 0), _comment(6, 10, "ben")))
    empty = ThreadFile("d", "d.json", ())
    shown = [
        ShownThread(answered, ("anna",)),
        ShownThread(self_started, ("anna",)),
        ShownThread(other_profile, ("anna",)),
        ShownThread(empty, ("anna",)),
    ]
    figures = dialogue_figures({}, shown)
    assert (figures.threads_with_comments, figures.threads_with_author_reply) == (3, 1)
    assert figures.median_first_reply_seconds == 1800
    assert figures.received == figures.approved == 6
    assert figures.median_approval_seconds is None


def test_broken_counts_fall_back_instead_of_failing() -> None:
    document = {"received": -3, "approved": "viele", "rejected": [], "approval_seconds": "x"}
    figures = dialogue_figures(document, [])
    assert (figures.received, figures.approved, figures.withdrawn) == (0, 0, 0)
    assert figures.rejected == dict.fromkeys(
        ("spam", "off_topic", "insulting", "personal_data", "other"), 0
    )
    assert figures.author_reply_share is None


def test_transparency_page_shows_the_public_dialogue(comment_site: BuildRun) -> None:
    section = comment_site.html("transparenz/index.html").select_one("#dialogue")
    assert section is not None
    values = {dd["data-figure"]: dd.get_text(" ", strip=True) for dd in section.select("dd")}
    assert values == {
        "comments-received": "20",
        "comments-approved": "12",
        "approval-hours": "0.3 Std.",
        "author-replies": "67 % (2 von 3)",
        "first-reply-hours": "1.5 Std.",
    }
    rows = section.select("#table-rejected tbody tr")
    assert [r.get_text(" ", strip=True) for r in rows] == [
        "Spam oder Werbung 4",
        "Hat nichts mit dem Beitrag zu tun 1",
        "Beleidigend 1",
        "Persönliche Daten anderer 1",
        "Andere Gründe 0",
        "Von der schreibenden Person zurückgezogen 1",
    ]
    table = (comment_site.output / "transparenz" / "dialogue.csv").read_text("utf-8")
    assert dict(csv.reader(io.StringIO(table)))["threads_with_author_reply"] == "2"
    document = json.loads((comment_site.output / "transparenz" / "transparency.json").read_text())
    assert document["dialogue"]["median_first_reply_hours"] == 1.5


def test_intranet_counts_internal_threads_too(intranet_site: BuildRun) -> None:
    section = intranet_site.html("transparenz/index.html").select_one("#dialogue")
    assert section.select_one('[data-figure="author-replies"]').get_text() == "50 % (2 von 4)"
