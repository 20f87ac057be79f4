"""The fields of a vote post, sorted and held to their limits (not yet checked against a poll).

`_next` and `_hp` are read by the defences (http/gate.py); here only their repetition counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from faces_backend.http.forms import (
    ID_MAX_CHARS,
    RESERVED_FIELDS,
    SID_PATTERN,
    FieldProblem,
    clean_text,
    sort_fields,
)

SUGGESTION_MAX_CHARS = 500
FORM_FIELDS = frozenset({"poll", "choice", "suggestion"})
_SINGLE_FIELDS = ("poll", "suggestion", "_next", "_hp", "_sid")


@dataclass(frozen=True)
class VoteForm:
    """The fields of a vote post, collected but not yet checked against the poll."""

    poll: str | None
    choices: tuple[str, ...]
    suggestion: str | None
    sid: str | None
    problem: FieldProblem | None


def collect(fields: list[tuple[str, str]]) -> VoteForm:
    """Sort the fields into a VoteForm, noting the first field that breaks a limit."""
    # `choice` repeats for each idea chosen; the others may appear once, reported in this order.
    sorted_fields = sort_fields(fields, FORM_FIELDS | RESERVED_FIELDS, once=_SINGLE_FIELDS)
    note = sorted_fields.note
    poll = sorted_fields.given("poll")
    if poll is not None and len(poll) > ID_MAX_CHARS:
        note("poll", "too_long", ID_MAX_CHARS)
    choices = tuple(sorted_fields.values.get("choice", []))
    if any(len(choice) > ID_MAX_CHARS for choice in choices):
        note("choice", "too_long", ID_MAX_CHARS)
    suggestion = clean_text(sorted_fields.first("suggestion")) or None
    if suggestion is not None and len(suggestion) > SUGGESTION_MAX_CHARS:
        note("suggestion", "too_long", SUGGESTION_MAX_CHARS)
    sid = sorted_fields.first("_sid") or None
    if sid is not None and not SID_PATTERN.fullmatch(sid):
        note("_sid", "invalid")
    return VoteForm(
        poll=poll,
        choices=choices,
        suggestion=suggestion,
        sid=sid,
        problem=sorted_fields.first_problem(),
    )
