"""Reading a Markdown header with its line numbers."""

from __future__ import annotations

from faces_common.header import Field, parse_header


def test_fields_keep_their_lines_and_the_body_starts_after_the_blank_line() -> None:
    header = parse_header("Title: Hallo\nDate: 2026-03-14\nTags: a,\n    b\n\nText\n")
    assert header.fields == [
        Field("Title", "Hallo", 1),
        Field("Date", "2026-03-14", 2),
        Field("Tags", "a, b", 3),
    ]
    assert header.body_line == 6
    assert header.stray_lines == []


def test_a_line_without_colon_is_reported_as_stray() -> None:
    header = parse_header("Title: Hallo\nDate 2026-03-14\nCategory: Technik\n\nText")
    assert header.stray_lines == [(2, "Date 2026-03-14")]
    assert [f.key for f in header.fields] == ["title", "category"]


def test_a_file_without_header_has_no_fields() -> None:
    assert parse_header("# Nur eine Überschrift\n\nText").fields == []


def test_byte_order_mark_is_ignored() -> None:
    assert parse_header("\ufeffTitle: Hallo\n\n").fields == [Field("Title", "Hallo", 1)]


def test_value_is_the_first_field_s_value_or_empty() -> None:
    header = parse_header("Title: Erster\nTITLE: Zweiter\nSummary:\n\nText\n")
    assert (header.value("title"), header.value("summary"), header.value("date")) == (
        "Erster",
        "",
        "",
    )
