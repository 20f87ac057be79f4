"""Parse `Correction:` entries of the form 'YYYY-MM-DD | type | text'."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from faces_common.problems import Problem

from .messages import text

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Correction:
    """One correction, clarification or retraction recorded in a post's header."""

    date: dt.date
    kind: str
    text: str
    line: int


def parse_correction(
    value: str, line: int, path: str, types: Sequence[str], lang: str
) -> Correction | Problem:
    """Return the parsed entry, or the problem that keeps it out of the log."""
    allowed = ", ".join(types)

    def problem(key: str, **values: object) -> Problem:
        message, fix = text(lang, key, types=allowed, **values)
        return Problem(path, line, message, fix, rule=f"transparency_{key}")

    # The text may itself contain '|'; only the first two separate fields.
    parts = [part.strip() for part in value.split("|", 2)]
    if len(parts) != 3:
        return problem("correction_format", value=value.strip())
    day, kind, note = parts
    if not _DATE.match(day):
        return problem("correction_date", value=day)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return problem("correction_date", value=day)
    if kind.lower() not in types:
        return problem("correction_type", value=kind)
    if not note:
        return problem("correction_text")
    return Correction(date, kind.lower(), note, line)
