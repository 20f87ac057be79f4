"""The editors' report (`invoke reach-report`): posts by reads, and posts few people read."""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from typing import Any

from .data import DataError, ViewData, read_view_data
from .figures import count_path

# Posts younger than this have not had their chance yet; the report leaves them out of "few".
MIN_AGE_DAYS = 14
_TEXTS = {
    "de": {
        "no_counts": "{path}: Diese Datei gibt es nicht. Holen Sie die Zahlen zuerst "
        "(uv run invoke reach-pull).",
        "no_manifest": "{path}: Diese Datei gibt es nicht. Bauen Sie die Website zuerst "
        "(uv run invoke build).",
    },
    "en": {
        "no_counts": "{path}: this file does not exist. Pull the counts first "
        "(uv run invoke reach-pull).",
        "no_manifest": "{path}: this file does not exist. Build the site first "
        "(uv run invoke build).",
    },
}


class ReportError(ValueError):
    """The report cannot be made; the message says which file and what to do."""


@dataclass(frozen=True)
class PostLine:
    """One post in the report."""

    path: str
    title: str
    date: dt.date | None
    authors: tuple[str, ...]
    recent: int
    total: int


@dataclass(frozen=True)
class Report:
    """Posts by reads, and the posts with few reads whose authors might want feedback."""

    as_of: dt.date
    window_days: int
    posts: tuple[PostLine, ...]  # most read recently first
    few_below: int  # "few" means at most this many reads in the window
    few: tuple[PostLine, ...]  # least read first


def no_counts(path: str, lang: str = "de") -> str:
    """What to say when the counts file is missing: pull them first."""
    return _TEXTS["en" if lang == "en" else "de"]["no_counts"].format(path=path)


def read_manifest(path: str, lang: str = "de") -> list[dict[str, Any]]:
    """Return the pages of the reach manifest the last build wrote."""
    try:
        with open(path, encoding="utf-8") as file:
            pages = json.load(file)["pages"]
    except FileNotFoundError:
        texts = _TEXTS["en" if lang == "en" else "de"]
        raise ReportError(texts["no_manifest"].format(path=path)) from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ReportError(f"{path}: {error}") from None
    return [page for page in pages if isinstance(page, dict)]


def build_report(
    data: ViewData, pages: list[dict[str, Any]], *, window_days: int, few: int | None = None
) -> Report:
    """Rank the posts of the manifest by their reads; pick the few-reads posts.

    Unless `few` gives the limit, "few" is the lowest quarter: at most as many reads as the
    post at the first quartile of the posts that are at least MIN_AGE_DAYS old.
    """
    as_of = data.as_of or dt.date.today()
    lines = []
    for page in pages:
        if page.get("kind") != "post":
            continue
        counts = count_path(data.paths.get(page["path"], {}), as_of, window_days)
        lines.append(
            PostLine(
                path=page["path"],
                title=str(page.get("title") or page["path"]),
                date=dt.date.fromisoformat(page["date"]) if page.get("date") else None,
                authors=tuple(_name(author) for author in page.get("authors", [])),
                recent=counts.recent,
                total=counts.total,
            )
        )
    lines.sort(key=lambda line: (-line.recent, -line.total, line.path))
    settled = [
        line for line in lines if line.date is None or (as_of - line.date).days >= MIN_AGE_DAYS
    ]
    if few is None:
        ordered = sorted(line.recent for line in settled)
        few = ordered[(len(ordered) - 1) // 4] if ordered else 0
    chosen = sorted(
        (line for line in settled if line.recent <= few),
        key=lambda line: (line.recent, line.total, line.path),
    )
    return Report(as_of, window_days, tuple(lines), few, tuple(chosen))


def format_report(report: Report, top: int) -> str:
    """Return the report as plain text for a terminal."""
    days = report.window_days
    out = [
        f"Reads up to {report.as_of.isoformat()} (UTC days): last {days} days, all time.",
        "",
        f"Posts by reads in the last {days} days ({min(top, len(report.posts))} of "
        f"{len(report.posts)}):",
    ]
    out.append(f"  {'recent':>7} {'all time':>9}  {'published':<10}  post")
    out += [_line(line) for line in report.posts[:top]] or ["  (no posts)"]
    out += [
        "",
        f"Few reads: at most {report.few_below} in the last {days} days, posts at least "
        f"{MIN_AGE_DAYS} days old. Their authors might want feedback:",
    ]
    out += [_line(line) for line in report.few] or ["  (none)"]
    return "\n".join(out) + "\n"


def _line(line: PostLine) -> str:
    by = ", ".join(line.authors) or "no author"
    when = line.date.isoformat() if line.date else "          "
    return f"  {line.recent:>7} {line.total:>9}  {when}  {line.title} ({line.path}), by {by}"


def _name(author: Any) -> str:
    if isinstance(author, dict):
        return str(author.get("name") or author.get("handle") or "?")
    return str(author)


def run_report(data: str, manifest: str, lang: str, *, days: int, top: int, few: int) -> int:
    """Print the report of `invoke reach-report` (few < 0: the lowest quarter); the exit code."""
    try:
        counts = read_view_data(data)
        if counts is None:
            raise ReportError(no_counts(data, lang))
        pages = read_manifest(manifest, lang)
    except (DataError, ReportError) as error:
        print(f"reach-report: {error}", file=sys.stderr)
        return 1
    report = build_report(counts, pages, window_days=days, few=None if few < 0 else few)
    print(format_report(report, top), end="")
    return 0
