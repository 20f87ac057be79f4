"""An interview draft (`invoke new-post --interview`) must not keep a question unanswered."""

from __future__ import annotations

from functools import cache

from faces_common.header import split_lines
from faces_common.problems import ERROR, Problem

from ..messages import text
from .corpus import ARTICLE, Source


@cache
def _placeholders() -> frozenset[str]:
    # Imported when a file is read, not with the check: new_post and what it imports (the
    # question sets, the scaffold) cost `invoke check` 0.1 s when every file is remembered.
    from ..new_post import ANSWER_PLACEHOLDERS

    return frozenset(ANSWER_PLACEHOLDERS.values())


def unanswered_questions(source: Source) -> list[Problem]:
    """One error per answer placeholder left in a post, naming the question above it."""
    placeholders = _placeholders()
    if source.kind != ARTICLE or not any(p in source.text for p in placeholders):
        return []
    lang = source.settings["MESSAGES_LANG"]
    in_code = {n for fence in source.body[1] for n in range(fence.first, fence.last + 1)}
    lines = split_lines(source.text)
    problems = []
    question = ""
    for number in range(source.header.body_line, len(lines) + 1):
        line = lines[number - 1].strip()
        if number in in_code:
            continue
        if line.startswith("#"):
            question = line.lstrip("#").strip()
        elif line in placeholders:
            message, fix = text(
                lang, "unanswered_question", question=question or "?", placeholder=line
            )
            problems.append(
                Problem(source.shown, number, message, fix, ERROR, rule="unanswered_question")
            )
    return problems
