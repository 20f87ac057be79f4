"""The page's figures as machine-readable transparency.json and one CSV file per table."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from .figures import Figures

JSON_FILE = "transparency.json"
Table = tuple[list[str], list[list[Any]]]


def tables(figures: Figures, link: Callable[[str | None], str | None]) -> dict[str, Table]:
    """Every table of the page by file name; tables whose source is missing are left out."""
    who, cadence, editorial = figures.authorship, figures.cadence, figures.editorial
    result: dict[str, Table] = {
        "posts-per-month.csv": (
            ["month", "posts"],
            [[m.start.strftime("%Y-%m"), m.value] for m in cadence.months],
        ),
        "turnaround.csv": (
            ["post_title", "post_url", "submitted", "published", "days", "source"],
            [
                [
                    t.title,
                    link(t.url),
                    t.submitted.isoformat(),
                    t.published.isoformat(),
                    t.days,
                    t.source,
                ]
                for t in editorial.turnarounds
            ],
        ),
        "reviewers.csv": (
            ["handle", "name", "posts"],
            [[r.handle, r.name, r.posts] for r in editorial.reviewers],
        ),
        "corrections.csv": (
            ["date", "type", "text", "post_title", "post_url"],
            [
                [c.date.isoformat(), c.kind, c.text, c.post_title, link(c.post_url)]
                for c in figures.corrections
            ],
        ),
        "image-credits.csv": (
            ["source", "subject", "credit", "licence", "post_title", "url"],
            [
                [c.source, c.subject, c.credit, c.licence, c.title, link(c.url)]
                for c in figures.credits
            ],
        ),
        "disclosures.csv": (
            ["type", "post_title", "post_url", "published"],
            [[d.kind, d.title, link(d.url), d.published.isoformat()] for d in figures.disclosures],
        ),
    }
    if who.by_department is not None and who.by_level is not None:
        result["posts-by-department.csv"] = (
            ["department", "label", "posts"],
            [[c.key, c.label, c.value] for c in who.by_department],
        )
        result["posts-by-level.csv"] = (
            ["level", "label", "posts"],
            [[c.key, c.label, c.value] for c in who.by_level],
        )
    if cadence.by_department is not None:
        result["posts-by-department-quarter.csv"] = (
            ["department", "label", "quarter", "posts"],
            [
                [s.key, s.label, _quarter(q), value]
                for s in cadence.by_department
                for q, value in zip(cadence.quarters, s.values, strict=True)
            ],
        )
    if figures.polls is not None:
        result["polls.csv"] = (
            [
                "id",
                "question",
                "post_title",
                "post_url",
                "total_votes",
                "leading_options",
                "leading_votes",
                "decision_status",
                "decision_response",
            ],
            [
                [
                    p.id,
                    p.question,
                    p.article_title,
                    link(p.article_url),
                    p.total,
                    " | ".join(p.leaders),
                    p.leading_votes,
                    p.decision_status,
                    p.decision_response,
                ]
                for p in figures.polls
            ],
        )
    if figures.dialogue is not None:
        result["dialogue.csv"] = (["figure", "value"], figures.dialogue.rows())
    if figures.editors is not None:
        result["editors.csv"] = (
            ["name", "url"],
            [[e.title, link(e.url)] for e in figures.editors],
        )
    return dict(sorted(result.items()))


def render_csv(table: Table) -> str:
    """A table as CSV text (comma-separated, header first, empty cells for None)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header, rows = table
    writer.writerow(header)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return out.getvalue()


def render_json(figures: Figures, link: Callable[[str | None], str | None]) -> str:
    """All figures as one JSON document."""
    out = io.StringIO()
    write_json(figures, link, out)
    return out.getvalue()


def write_json(figures: Figures, link: Callable[[str | None], str | None], out: IO[str]) -> None:
    """Write all figures as one JSON document, piece by piece, to an open text file."""
    # The encoder's pieces go straight to the file: joined into one text first, with every
    # row a dict beside them, they were the build's peak at 10,000 posts (docs/benchmarks.md,
    # session 10). With indent, json.dumps takes the same Python encoder: the same bytes.
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(
        _document(figures, link)
    ):
        out.write(piece)
    out.write("\n")


class _RowObjects(list[dict[str, Any]]):
    """A table's rows as JSON objects, each made when the encoder reaches it."""

    def __init__(self, header: list[str], rows: list[list[Any]]) -> None:
        super().__init__()
        self._header, self._rows = header, rows

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(self._header, row, strict=True)) for row in self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _document(figures: Figures, link: Callable[[str | None], str | None]) -> dict[str, Any]:
    who, editorial = figures.authorship, figures.editorial
    return {
        "generated": figures.generated.isoformat(),
        "posts": figures.posts,
        "months": figures.months,
        "unavailable": list(figures.unavailable),
        "authors": {
            "writers": who.writers,
            "active": who.active,
            "alumni": who.alumni,
            "departments_represented": who.departments_represented,
            "departments_total": who.departments_total,
            "guests": who.guests,
            "own_posts": who.own_posts,
            "helped_posts": who.helped_posts,
        },
        "editorial": {
            "median_days": editorial.median_days,
            "p90_days": editorial.p90_days,
            "timed_posts": len(editorial.turnarounds),
            "from_metadata": editorial.from_metadata,
            "from_history": editorial.from_history,
            "untimed_posts": editorial.untimed,
            "history_missing": figures.history_missing,
            "reviewed_posts": editorial.reviewed,
            "updated_later": editorial.updated_later,
        },
        "correction_counts": figures.correction_counts,
        "disclosure_counts": figures.disclosure_counts,
        "posts_before_window": figures.cadence.before_window,
        "editorial_guidelines": link(figures.guidelines.url) if figures.guidelines else None,
        "dialogue": dataclasses.asdict(figures.dialogue) if figures.dialogue else None,
        "tables": {
            name.removesuffix(".csv"): _RowObjects(header, rows)
            for name, (header, rows) in tables(figures, link).items()
        },
    }


def _quarter(start: Any) -> str:
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
