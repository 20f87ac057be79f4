"""The editors' review page in the preview: drafts and scheduled posts with their check results."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from content_checks import read_in_this_build
from faces_common.problems import Problem
from faces_common.receivers import generator_receiver
from markupsafe import escape
from pelican.generators import Generator

from ..checks import CheckResult, check_this_build, site_hints, summary_line

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewEntry:
    """A post waiting for publication, as the review page lists it."""

    title: str
    url: str
    date: dt.datetime
    authors: list[Any]
    lang: str
    path: str
    problems: list[Problem]
    # Writing hints (long sentences, pasted text …): suggestions, never errors.
    hints: list[Problem] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class FileProblems:
    """The problems of a file that is not among the waiting posts."""

    path: str
    problems: list[Problem]


@dataclass(frozen=True)
class Review:
    """Everything the review page shows."""

    scheduled: list[ReviewEntry]
    drafts: list[ReviewEntry]
    other_problems: list[FileProblems]
    summary: str


class ReviewPageGenerator(Generator):
    """Write the review page when EDITORIAL_REVIEW_PAGE is on (the preview, never publishing)."""

    def generate_output(self, writer: Any) -> None:
        """Write the page; its template asks for the check results only when it is rendered."""
        if not self.settings["EDITORIAL_REVIEW_PAGE"]:
            return
        waiting = self.context.get("drafts", []) + self.context.get("drafts_translations", [])
        # A writer that skips this page (the preview's quick step after one edit) never calls
        # review(), so the whole site is not checked for a page nobody sees.
        writer.write_file(
            self.settings["EDITORIAL_REVIEW_SAVE_AS"],
            self.get_template("review"),
            self.context,
            page_name="review",
            noindex=True,
            review=functools.partial(review, self.settings, waiting),
        )


add_review_page = generator_receiver(ReviewPageGenerator)


def review(settings: Mapping[str, Any], waiting: Sequence[Any]) -> Review:
    """Check the site and sort the waiting posts into scheduled posts and drafts."""
    # The page is written after every source is read; the check after the build reuses this.
    result = check_this_build(settings)
    # Hints are shown for the waiting posts only: hinting 1,000 published posts cost 5-7 s a build.
    hints = site_hints(
        settings, read_in_this_build(), {os.path.realpath(a.source_path) for a in waiting}
    )
    scheduled: list[ReviewEntry] = []
    drafts: list[ReviewEntry] = []
    for article in sorted(waiting, key=lambda a: a.date):
        entry = _entry(article, result, hints)
        # Pelican turns a future post into a draft; its own Status: says which it is.
        is_draft = str(article.metadata.get("status", "published")).lower() == "draft"
        (drafts if is_draft else scheduled).append(entry)
    listed = {entry.path for entry in scheduled + drafts}
    logger.info(
        "editorial: review page lists %d scheduled post(s), %d draft(s)",
        len(scheduled),
        len(drafts),
    )
    return Review(
        scheduled,
        drafts,
        _others(result, listed),
        summary_line(result, settings["MESSAGES_LANG"]),
    )


def _entry(article: Any, result: CheckResult, hints: list[Problem]) -> ReviewEntry:
    path = os.path.relpath(article.source_path)
    return ReviewEntry(
        title=article.title,
        url=article.url,
        date=article.date,
        authors=list(getattr(article, "authors", [])),
        lang=article.lang,
        path=path,
        problems=_escaped(result.for_file(path)),
        hints=_escaped([hint for hint in hints if hint.path == path]),
    )


def _escaped(problems: list[Problem]) -> list[Problem]:
    """The problems with message and fix escaped: they quote what authors wrote, e.g. '<script>'."""
    # The theme's Jinja environment does not autoescape; Markup is not escaped twice if it does.
    return [dataclasses.replace(p, message=escape(p.message), fix=escape(p.fix)) for p in problems]


def _others(result: CheckResult, listed: set[str]) -> list[FileProblems]:
    by_file: dict[str, list[Problem]] = {}
    for problem in result.problems:
        if problem.path not in listed:
            by_file.setdefault(problem.path, []).append(problem)
    return [FileProblems(path, _escaped(problems)) for path, problems in sorted(by_file.items())]
