"""Post records from real Pelican articles: what counts, what is read, what is reported."""

from __future__ import annotations

import datetime as dt
from typing import Any

from transparency.corrections import Correction
from transparency.posts import collect_posts

from .conftest import header

# A post with every field a record reads, as its author writes it: the corrections are on
# lines 13 and 14.
EVERY_FIELD = """\
Title: Ein Beitrag
Date: 2026-03-14 09:30
Category: Technik
Authors: miriam-keller, jonas-brenner
Lang: de
Summary: Ein Beitrag.
Modified: 2026-03-20 10:00
Submitted: 2026-03-02
Reviewed-by: lea-hofstetter, tobias-wendt
Image: images/a.jpg
Image-credit: Foto: Jana Roth, CC BY 4.0
Disclosure: own-product
Correction: 2026-03-21 | correction | Richtig ist 21.
Correction: 2026-03-22 | clarification | Gemeint ist B.

Text.
"""


def test_a_post_becomes_a_record_with_every_field_read(
    read_article: Any, pelican_settings: Any
) -> None:
    article = read_article("2026/a.md", EVERY_FIELD)
    [record], problems = collect_posts([article], pelican_settings)
    assert problems == []
    assert record.key == "posts/2026/a.md"
    assert record.title == "Ein Beitrag"
    assert record.authors == ("miriam-keller", "jonas-brenner")
    assert record.submitted == dt.date(2026, 3, 2)
    assert record.reviewers == ("lea-hofstetter", "tobias-wendt")
    assert record.modified is not None and record.modified.date() == dt.date(2026, 3, 20)
    assert (record.image, record.image_credit) == ("images/a.jpg", "Foto: Jana Roth, CC BY 4.0")
    assert record.disclosure == "own-product"
    assert record.corrections == (
        Correction(dt.date(2026, 3, 21), "correction", "Richtig ist 21.", 13),
        Correction(dt.date(2026, 3, 22), "clarification", "Gemeint ist B.", 14),
    )


def test_a_correction_continued_on_the_next_line_stays_one_entry(
    read_article: Any, pelican_settings: Any
) -> None:
    text = header("Ein Beitrag", "2026-03-14").replace(
        "\n\nText.",
        "\nCorrection: 2026-03-21 | correction | Richtig ist 21,\n    nicht 120.\n\nText.",
    )
    [record], problems = collect_posts([read_article("a.md", text)], pelican_settings)
    assert problems == []
    assert [c.text for c in record.corrections] == ["Richtig ist 21, nicht 120."]


def test_drafts_and_internal_posts_never_count(read_article: Any, pelican_settings: Any) -> None:
    articles = [
        read_article("public.md", header("Öffentlich", "2026-03-14")),
        read_article("draft.md", header("Entwurf", "2026-03-14", Status="draft")),
        read_article("internal.md", header("Intern", "2026-03-14", Visibility="internal")),
    ]
    records, _ = collect_posts(articles, pelican_settings)
    assert [r.title for r in records] == ["Öffentlich"]


def test_submission_after_publication_is_an_error_naming_file_and_line(
    read_article: Any, pelican_settings: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    article = read_article("late.md", header("Spät", "2026-03-14 09:30", Submitted="2026-03-15"))
    [record], [problem] = collect_posts([article], pelican_settings)
    assert record.submitted is None and record.submitted_invalid
    assert problem.format() == (
        "content/posts/late.md:7:1: error: Eingereicht am 2026-03-15, aber veröffentlicht am "
        "2026-03-14: die Einreichung liegt nach der Veröffentlichung.\n"
        "    → Prüfen Sie 'Submitted:' und 'Date:'; eingereicht wird vor der Veröffentlichung."
    )


def test_an_unreadable_correction_is_reported_and_left_out(
    read_article: Any, pelican_settings: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    text = header(
        "Ein Beitrag",
        "2026-03-14",
        Correction=["2026-03-21 | erratum | Falsch.", "2026-03-22 | correction | Richtig."],
    )
    [record], [problem] = collect_posts([read_article("a.md", text)], pelican_settings)
    assert [c.text for c in record.corrections] == ["Richtig."]
    assert (problem.path, problem.line) == ("content/posts/a.md", 7)
    assert "erratum" in problem.message
