"""The checks every metadata header gets, posts and profiles alike: stray, unknown, repeated."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from .header import Header

# The words of the findings every header shares; stray_line stays each plugin's own, since what
# a stray line does to the page differs between a post and a profile.
FIELD_MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "de": {
        "unknown_field": (
            "Das Feld '{field}' ist unbekannt.",
            "Meinten Sie '{suggestion}'? Bekannte Felder: {known}.",
        ),
        "unknown_field_no_guess": (
            "Das Feld '{field}' ist unbekannt.",
            "Bekannte Felder: {known}. Prüfen Sie die Schreibweise oder löschen Sie die Zeile.",
        ),
        "duplicate_field": (
            "Das Feld '{field}' steht mehrmals im Kopf (zuerst in Zeile {first}).",
            "Behalten Sie nur eine Zeile '{field}: …'.",
        ),
    },
    "en": {
        "unknown_field": (
            "The field '{field}' is unknown.",
            "Did you mean '{suggestion}'? Known fields: {known}.",
        ),
        "unknown_field_no_guess": (
            "The field '{field}' is unknown.",
            "Known fields: {known}. Check the spelling or delete the line.",
        ),
        "duplicate_field": (
            "The field '{field}' appears more than once (first on line {first}).",
            "Keep only one line '{field}: …'.",
        ),
    },
}


@dataclass(frozen=True)
class FieldFinding:
    """One thing wrong with a header line: its line, the message key and the message's values."""

    line: int
    key: str
    values: dict[str, object] = field(default_factory=dict)


def field_findings(
    header: Header, known: Sequence[str], repeatable: Collection[str] = ()
) -> list[FieldFinding]:
    """Stray lines, then each unknown field (with the closest known name) and repeated field.

    known: the lower-case field names in the order the fix lists them. Message keys:
    stray_line, unknown_field, unknown_field_no_guess, duplicate_field (worded in FIELD_MESSAGES
    but stray_line); each plugin gives them its own severity.
    """
    findings = [FieldFinding(number, "stray_line") for number, _ in header.stray_lines]
    names = set(known)
    seen: dict[str, int] = {}
    for item in header.fields:
        if item.key not in names:
            findings.append(_unknown(item.name, item.key, item.line, known))
        if item.key in seen and item.key not in repeatable:
            values: dict[str, object] = {"field": item.name, "first": seen[item.key]}
            findings.append(FieldFinding(item.line, "duplicate_field", values))
        seen.setdefault(item.key, item.line)
    return findings


def _unknown(name: str, key: str, line: int, known: Sequence[str]) -> FieldFinding:
    known_list = ", ".join(k.capitalize() for k in known)
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if not guess:
        return FieldFinding(line, "unknown_field_no_guess", {"field": name, "known": known_list})
    values: dict[str, object] = {
        "field": name,
        "suggestion": guess[0].capitalize(),
        "known": known_list,
    }
    return FieldFinding(line, "unknown_field", values)
