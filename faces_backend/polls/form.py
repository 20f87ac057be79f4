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
    problems = sorted_fields.problems
    poll = sorted_fields.given("poll")
    if poll is not None and len(poll) > ID_MAX_CHARS:
        problems.append(FieldProblem("poll", "too_long", ID_MAX_CHARS))
    choices = tuple(sorted_fields.values.get("choice", []))
    if any(len(choice) > ID_MAX_CHARS for choice in choices):
        problems.append(FieldProblem("choice", "too_long", ID_MAX_CHARS))
    suggestion = clean_text(sorted_fields.first("suggestion")) or None
    if suggestion is not None and len(suggestion) > SUGGESTION_MAX_CHARS:
        problems.append(FieldProblem("suggestion", "too_long", SUGGESTION_MAX_CHARS))
    sid = sorted_fields.first("_sid") or None
    if sid is not None and not SID_PATTERN.fullmatch(sid):
        problems.append(FieldProblem("_sid", "invalid"))
    return VoteForm(
        poll=poll,
        choices=choices,
        suggestion=suggestion,
        sid=sid,
        problem=problems[0] if problems else None,
    )
