"""Authors and reviewers named in a post must have a profile; reviewers must be editors."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping

from content_checks.header import Field
from content_checks.problems import ERROR, WARNING, Problem

from .adapters import Person, profiles_folder
from .corpus import ARTICLE, Source
from .messages import text, word
from .scaffold import handle_for

_AUTHOR_FIELDS = ("author", "authors")
_REVIEWER_FIELD = "reviewed-by"


def check_bylines(source: Source, people: Mapping[str, Person]) -> list[Problem]:
    """Problems with the handles in Author(s): and Reviewed-by: of a post."""
    if source.kind != ARTICLE or not people:
        return []
    lang = source.settings["CHECKS_LANGUAGE"]
    folder = profiles_folder(source.settings)
    lines = source.text.splitlines()
    editors = sorted(p.handle for p in people.values() if p.editor)
    editor_list = ", ".join(editors) or word(lang, "nobody")

    def report(
        field: Field, handle: str, key: str, severity: str = ERROR, **values: object
    ) -> Problem:
        message, fix = text(lang, key, handle=handle, field=field.name, **values)
        column = lines[field.line - 1].find(handle, len(field.name) + 1) + 1
        return Problem(source.shown, field.line, message, fix, severity, max(column, 1), rule=key)

    problems = []
    for field in source.header.fields:
        if field.key in _AUTHOR_FIELDS:
            for handle in handles(field.value):
                if handle not in people:
                    hint = _guess(handle, people, lang)
                    file = f"{handle_for(handle, source.settings)}.md"
                    profile = os.path.relpath(folder / file)
                    problems.append(
                        report(field, handle, "unknown_author", hint=hint, profile=profile)
                    )
        elif field.key == _REVIEWER_FIELD:
            for handle in handles(field.value):
                if handle not in people:
                    problems.append(report(field, handle, "unknown_reviewer", editors=editor_list))
                elif not people[handle].editor:
                    problems.append(
                        report(field, handle, "reviewer_not_editor", WARNING, editors=editor_list)
                    )
    return problems


def handles(value: str) -> list[str]:
    """Split a list of handles the way Pelican splits Authors: (';' if present, else ',')."""
    parts = value.split(";") if ";" in value else value.split(",")
    return [part.strip() for part in parts if part.strip()]


def _guess(handle: str, people: Mapping[str, Person], lang: str) -> str:
    # People often write their name instead of their handle.
    by_name = [p.handle for p in people.values() if p.name.casefold() == handle.casefold()]
    close = by_name or difflib.get_close_matches(handle, list(people), n=1, cutoff=0.6)
    return word(lang, "author_guess", guess=close[0]) if close else ""
