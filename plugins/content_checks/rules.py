"""Rules for the metadata header of posts and pages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from faces_common.formats import HTML, MARKDOWN, RST, Source
from faces_common.header import Field, Header
from faces_common.header_check import field_findings
from faces_common.problems import ERROR, WARNING, Problem

from .addresses import address_problems
from .messages import text

_EXAMPLES = {
    "title": "Title: Mein erster Beitrag",
    "date": "Date: 2026-03-14 09:30",
    "category": "Category: Einblicke",
    "author": "Author: vorname-nachname",
    "lang": "Lang: de",
    "status": "Status: draft",
    "translation": "Translation: true",
}
_DATE_FIELDS = ("date", "modified", "submitted")
# An unknown field may be the site's own; stray lines and repeated fields are errors.
_SEVERITY = {"unknown_field": WARNING, "unknown_field_no_guess": WARNING}
_AUTHOR_FIELDS = ("author", "authors")
_NOT_EMPTY = ("lang", "status", "translation")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?\s*$")


def check_source(
    source: Source, path: str, settings: Mapping[str, Any], kind: str
) -> list[Problem]:
    """Return every problem of a post or page: its header, its body, its address."""
    header = source.header
    lang = settings["MESSAGES_LANG"]
    if source.bad_byte_line is not None:
        # Everything else read from a wrongly encoded file would be guesswork.
        message, fix = text(lang, "not_utf8")
        return [Problem(path, source.bad_byte_line, message, fix, ERROR, rule="not_utf8")]
    if not header.fields and not source.body:
        message, fix = text(lang, "empty_file", example=_example("title", source.format))
        return [Problem(path, 1, message, fix, ERROR, rule="empty_file")]
    problems = check_header(header, path, settings, kind, source.format)
    if not header.fields and source.format == MARKDOWN:
        return problems
    if not source.body:
        message, fix = text(lang, "no_body")
        problems.append(Problem(path, header.body_line, message, fix, ERROR, rule="no_body"))
    for line, what in source.unsafe:
        message, fix = text(lang, "rst_unsafe", what=what)
        problems.append(Problem(path, line, message, fix, ERROR, rule="rst_unsafe"))
    embed_hosts = {host.lower() for host in settings["CHECKS_EMBED_HOSTS"]}
    for line, column, what, host in source.active:
        if host in embed_hosts:
            continue
        key = "foreign_embed" if host else "active_content"
        message, fix = text(lang, key, what=what, host=host)
        problems.append(Problem(path, line, message, fix, ERROR, column, rule="active_content"))
    if source.guide_lines:
        first, last = source.guide_lines
        message, fix = text(lang, "scaffold_guide", first=first, last=last)
        problems.append(Problem(path, first, message, fix, WARNING, rule="scaffold_guide"))
    return problems + address_problems(header, path, settings)


def check_header(
    header: Header, path: str, settings: Mapping[str, Any], kind: str, format_: str = MARKDOWN
) -> list[Problem]:
    """Return every problem in a post's or page's header."""
    lang = settings["MESSAGES_LANG"]

    def problem(line: int, key: str, severity: str = ERROR, **values: object) -> Problem:
        message, fix = text(lang, key, **values)
        return Problem(path, line, message, fix, severity, rule=key)

    if not header.fields and format_ == MARKDOWN:
        return [problem(1, "no_header")]

    known = sorted(set(settings["CHECKS_FIELDS"]) | set(settings["CHECKS_EXTRA_FIELDS"]))
    repeatable = settings["CHECKS_REPEATABLE_FIELDS"]
    problems = [
        problem(found.line, found.key, _SEVERITY.get(found.key, ERROR), **found.values)
        for found in field_findings(header, known, repeatable)
    ]

    required = settings["CHECKS_REQUIRED"].get(kind, [])
    for key in required:
        if key == "author":
            present = [f for f in header.fields if f.key in _AUTHOR_FIELDS]
        else:
            present = header.all(key)
        if not present and key == "title" and format_ == RST:
            message, fix = text(lang, "missing_rst_title")
            problems.append(Problem(path, 1, message, fix, ERROR, rule="missing"))
        elif not present:
            problems.append(
                problem(
                    header.fields[-1].line if header.fields else 1,
                    "missing",
                    field=key.capitalize(),
                    example=_example(key, format_),
                )
            )
        elif not any(_has_value(f) for f in present):
            problems.append(
                problem(
                    present[0].line,
                    "empty",
                    field=present[0].name,
                    example=_example(key, format_),
                )
            )

    # An empty Lang: or Status: would become the language '' or the status ''.
    for key in _NOT_EMPTY:
        found = header.first(key)
        if found and not found.value and key not in required:
            problems.append(
                problem(found.line, "empty", field=found.name, example=_example(key, format_))
            )

    for key in _DATE_FIELDS:
        found = header.first(key)
        if found and found.value and not _is_date(found.value, settings):
            problems.append(problem(found.line, "bad_date", field=found.name, value=found.value))

    choices: dict[str, list[str] | None] = {
        "lang": settings["CHECKS_LANGUAGES"],
        "status": settings["CHECKS_STATUSES"],
        "translation": ["true", "false"],
        "category": settings["CHECKS_CATEGORIES"] if kind == "article" else None,
        **settings["CHECKS_CHOICES"],
    }
    for key, allowed in choices.items():
        found = header.first(key)
        if allowed and found and found.value and found.value not in allowed:
            problems.append(
                problem(
                    found.line,
                    "bad_value",
                    field=found.name,
                    value=found.value,
                    allowed=", ".join(allowed),
                )
            )
    return problems


def _has_value(field: Field) -> bool:
    if field.key in _AUTHOR_FIELDS:
        # Pelican splits 'Authors: ;' into no author at all (and the build stopped on it).
        return any(name.strip() for name in re.split(r"[;,]", field.value))
    return bool(field.value)


def _example(key: str, format_: str) -> str:
    """An example line for a field, written the way the file's format writes it."""
    written = _EXAMPLES.get(key, f"{key.capitalize()}: …")
    value = written.split(": ", 1)[1]
    if format_ == RST:
        return f":{key}: {value}"
    if format_ == HTML:
        if key == "title":
            return f"<title>{value}</title>"
        return f'<meta name="{key}" content="{value}">'
    return written


def _is_date(value: str, settings: Mapping[str, Any]) -> bool:
    # Only ISO dates: "03.04.2026" means April to a German reader and March to dateutil.
    if not _ISO_DATE.match(value):
        return False
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True
