"""Authors and reviewers named in a post must have a profile; reviewers must be editors."""

from __future__ import annotations

from faces_common.header import Field
from faces_common.problems import ERROR, WARNING, Problem

from ..adapters import Registry, author_problems, credit_roles, handles
from ..messages import text, word
from .corpus import ARTICLE, Source

_AUTHOR_FIELDS = ("author", "authors")
_REVIEWER_FIELD = "reviewed-by"


def check_bylines(source: Source, registry: Registry) -> list[Problem]:
    """Problems with the handles in Author(s):, the credit fields and Reviewed-by: of a post."""
    if source.kind != ARTICLE or not registry.checks_bylines:
        return []
    people = registry.people
    lang = source.settings["MESSAGES_LANG"]

    def report(field: Field, handle: str, key: str, severity: str = ERROR) -> Problem:
        editors = ", ".join(registry.editors) or word(lang, "nobody")
        message, fix = text(lang, key, handle=handle, field=field.name, editors=editors)
        # The text only for a problem: an unchanged file's findings come without it (memo.py).
        column = source.text.splitlines()[field.line - 1].find(handle, len(field.name) + 1) + 1
        return Problem(source.shown, field.line, message, fix, severity, max(column, 1), rule=key)

    # One pass over the header (10,000 posts): the names by field, in the order written.
    roles = credit_roles(source.settings)
    authors: list[str] = []
    credited: dict[str, list[str]] = {}
    reviewers: list[Field] = []
    for key, name, value, line in source.record[0]:
        if key in _AUTHOR_FIELDS:
            authors += handles(value)
        elif key == _REVIEWER_FIELD:
            reviewers.append(Field(name, value, line))
        elif key in roles:
            credited.setdefault(key, []).extend(handles(value))
    # Authors are checked by the very function the build uses, so both say the same.
    problems = author_problems(source.file, authors, registry, source.settings)
    for role in roles:
        if credited.get(role):
            problems += author_problems(
                source.file, credited[role], registry, source.settings, (role,)
            )
    for field in reviewers:
        for handle in handles(field.value):
            if handle not in people:
                problems.append(report(field, handle, "unknown_reviewer"))
            elif not people[handle].editor:
                problems.append(report(field, handle, "reviewer_not_editor", WARNING))
    return problems
