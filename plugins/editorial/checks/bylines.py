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

    # Authors are checked by the very function the build uses, so both say the same.
    names = [
        name
        for key, _, value, _ in source.record[0]
        if key in _AUTHOR_FIELDS
        for name in handles(value)
    ]
    problems = author_problems(source.file, names, registry, source.settings)
    for role in credit_roles(source.settings):
        credited = [name for f in source.all(role) for name in handles(f.value)]
        if credited:
            problems += author_problems(source.file, credited, registry, source.settings, (role,))
    for field in source.all(_REVIEWER_FIELD):
        for handle in handles(field.value):
            if handle not in people:
                problems.append(report(field, handle, "unknown_reviewer"))
            elif not people[handle].editor:
                problems.append(report(field, handle, "reviewer_not_editor", WARNING))
    return problems
