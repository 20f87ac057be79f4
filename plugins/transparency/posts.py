"""Turn Pelican's published articles into plain post records, checking the fields we read."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from faces_common.header import Header, parse_header
from faces_common.messages import messages_lang
from faces_common.problems import Problem

from .corrections import Correction, parse_correction
from .messages import text

_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})([ T]\d{2}:\d{2}(:\d{2})?)?$")


@dataclass(frozen=True)
class PostRecord:
    """What the figures need to know about one public post."""

    key: str  # path relative to the content folder, '/'-separated, as git names it
    title: str
    url: str
    published: dt.datetime
    authors: tuple[str, ...]
    lang: str = ""
    submitted: dt.date | None = None
    submitted_invalid: bool = False  # a `Submitted:` value was reported as wrong
    reviewers: tuple[str, ...] = ()
    modified: dt.datetime | None = None
    image: str | None = None
    image_credit: str | None = None
    disclosure: str | None = None
    corrections: tuple[Correction, ...] = ()
    # Someone helped with the text (as told to, interview: author_profiles' `article.credits`).
    helped: bool = False


def is_counted(article: Any, settings: Mapping[str, Any]) -> bool:
    """True for a published post meant for the public (no draft, no intranet-only post)."""
    if getattr(article, "status", "published") != "published":
        return False
    internal = settings.get("VISIBILITY_INTERNAL_VALUES", ["internal"])
    return str(article.metadata.get("visibility", "public")).strip().lower() not in internal


def collect_posts(
    articles: Iterable[Any], settings: Mapping[str, Any]
) -> tuple[list[PostRecord], list[Problem]]:
    """Return a record per counted post and every problem found in the fields read."""
    records: list[PostRecord] = []
    problems: list[Problem] = []
    content = os.path.join(os.path.abspath(settings["PATH"]), "")
    # Reports name files from the working directory, like content_checks does.
    shown_root = os.path.relpath(content, os.getcwd())
    lang = messages_lang(settings)
    for article in articles:
        if is_counted(article, settings):
            record, found = _record(article, settings, (content, shown_root), lang)
            records.append(record)
            problems.extend(found)
    return records, problems


def _record(
    article: Any, settings: Mapping[str, Any], roots: tuple[str, str], lang: str
) -> tuple[PostRecord, list[Problem]]:
    meta = article.metadata
    source = article.source_path
    content, shown_root = roots
    # Plain slicing, not relpath: this runs for every post of every build.
    key = source[len(content) :] if source.startswith(content) else os.path.relpath(source, content)
    shown = os.path.normpath(os.path.join(shown_root, key))
    header: Header | None = None

    def line_of(name: str) -> int:
        # Read the file again only when something must be reported or re-read exactly.
        nonlocal header
        if header is None:
            header = _read_header(source)
        field = header.first(name)
        return field.line if field else 1

    problems: list[Problem] = []
    published = article.date
    submitted = _as_date(meta.get("submitted"))
    invalid = bool(meta.get("submitted")) and submitted is None
    if invalid:
        message, fix = text(lang, "submitted_date", value=meta["submitted"])
        problems.append(Problem(shown, line_of("submitted"), message, fix, rule="transparency"))
    elif submitted is not None and submitted > published.date():
        message, fix = text(
            lang,
            "submitted_late",
            submitted=submitted.isoformat(),
            published=published.date().isoformat(),
        )
        problems.append(Problem(shown, line_of("submitted"), message, fix, rule="transparency"))
        submitted, invalid = None, True

    corrections: list[Correction] = []
    if meta.get("correction"):
        # Re-read from the file: Markdown splits an entry continued on the next line in two.
        header = header or _read_header(source)
        for field in header.all("correction"):
            parsed = parse_correction(
                field.value, field.line, shown, settings["TRANSPARENCY_CORRECTION_TYPES"], lang
            )
            if isinstance(parsed, Problem):
                problems.append(parsed)
            else:
                corrections.append(parsed)

    modified = getattr(article, "modified", None)
    record = PostRecord(
        key=key.replace(os.sep, "/"),
        title=article.title,
        url=article.url,
        published=published,
        authors=tuple(author.slug for author in getattr(article, "authors", [])),
        lang=getattr(article, "lang", ""),
        submitted=submitted,
        submitted_invalid=invalid,
        reviewers=_handles(meta.get("reviewed-by")),
        modified=modified if isinstance(modified, dt.datetime) else None,
        image=_text(meta.get("image")),
        image_credit=_text(meta.get("image-credit")),
        disclosure=_text(meta.get("disclosure")),
        corrections=tuple(corrections),
        helped=any(getattr(c, "helps_writing", False) for c in getattr(article, "credits", ())),
    )
    return record, problems


def _read_header(path: str) -> Header:
    with open(path, encoding="utf-8-sig") as source:
        return parse_header(source.read())


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _ISO_DATE.match(str(value).strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match[1])
    except ValueError:
        return None


def _handles(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    entries = value if isinstance(value, list) else [value]
    return tuple(h.strip() for entry in entries for h in str(entry).split(",") if h.strip())


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return str(value).strip() or None
