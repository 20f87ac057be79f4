"""transparency.json and the CSV files: the same figures, machine-readable."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

from transparency.corrections import Correction
from transparency.export import render_csv, render_json, tables, write_json
from transparency.figures import Sources, compute_figures
from transparency.posts import PostRecord

ZONE = ZoneInfo("Europe/Zurich")


def link(url: str | None) -> str | None:
    return None if url is None else f"https://blog.example/{url}"


def figures(people: object = None, polls: object = None):  # type: ignore[no-untyped-def]
    posts = [
        PostRecord(
            key="posts/a.md",
            title="Ein Beitrag, mit Komma",
            url="2026/a/",
            published=dt.datetime(2026, 3, 10, 9, tzinfo=ZONE),
            authors=("miriam",),
            submitted=dt.date(2026, 3, 1),
            corrections=(Correction(dt.date(2026, 3, 12), "correction", 'Richtig: "21".', 9),),
        )
    ]
    return compute_figures(
        posts,
        Sources(
            today=dt.date(2026, 3, 31),
            months=3,
            zone=ZONE,
            correction_types=["correction", "clarification", "retraction"],
            people=people,  # type: ignore[arg-type]
            polls=polls,  # type: ignore[arg-type]
        ),
    )


def test_without_profiles_or_polls_their_tables_are_left_out() -> None:
    assert sorted(tables(figures(), link)) == [
        "corrections.csv",
        "disclosures.csv",
        "image-credits.csv",
        "posts-per-month.csv",
        "reviewers.csv",
        "turnaround.csv",
    ]
    with_sources = tables(figures(people={}, polls=[]), link)
    assert {"posts-by-department.csv", "posts-by-level.csv", "polls.csv", "editors.csv"} <= set(
        with_sources
    )


def test_a_csv_file_has_a_header_and_quotes_what_needs_quoting() -> None:
    text = render_csv(tables(figures(), link)["corrections.csv"])
    assert list(csv.reader(io.StringIO(text))) == [
        ["date", "type", "text", "post_title", "post_url"],
        [
            "2026-03-12",
            "correction",
            'Richtig: "21".',
            "Ein Beitrag, mit Komma",
            "https://blog.example/2026/a/",
        ],
    ]
    month_rows = list(
        csv.reader(io.StringIO(render_csv(tables(figures(), link)["posts-per-month.csv"])))
    )
    assert month_rows == [["month", "posts"], ["2026-01", "0"], ["2026-02", "0"], ["2026-03", "1"]]


def test_the_json_document_holds_the_summary_and_every_table() -> None:
    document = json.loads(render_json(figures(), link))
    assert document["generated"] == "2026-03-31"
    assert document["posts"] == 1
    assert document["unavailable"] == ["profiles", "polls"]
    assert document["editorial"]["median_days"] == 9.0
    assert document["correction_counts"] == {"correction": 1, "clarification": 0, "retraction": 0}
    assert document["tables"]["corrections"][0]["post_url"] == "https://blog.example/2026/a/"
    assert document["tables"]["turnaround"] == [
        {
            "post_title": "Ein Beitrag, mit Komma",
            "post_url": "https://blog.example/2026/a/",
            "submitted": "2026-03-01",
            "published": "2026-03-10",
            "days": 9,
            "source": "metadata",
        }
    ]


def test_the_json_written_piece_by_piece_is_the_text_of_one_dumps_with_every_row_a_dict() -> None:
    made = figures()
    whole = json.loads(render_json(made, link))
    # What json.dumps wrote before the rows were made one at a time (same encoder, same bytes).
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    write_json(made, link, out)
    assert out.getvalue() == render_json(made, link) == expected
    assert whole["tables"]["turnaround"] and whole["tables"]["corrections"]
