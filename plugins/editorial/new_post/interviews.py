"""Interview question sets: shipped with the plugin, replaced or added to by editors' files.

The shipped sets (`question_sets/*.yaml`) make `--interview` work on any site; a file of the
same name in the site's `EDITORIAL_INTERVIEWS_PATH` (content/data/interviews/) replaces one, a
new name adds a type. Editors edit the site's copy in a pull request like any other content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..messages import word
from .scaffold import ScaffoldError

SHIPPED = Path(__file__).resolve().parent / "question_sets"
# What stands under each question until it is answered; `invoke check` reports it as an error.
ANSWER_PLACEHOLDERS = {"de": "[ANTWORT]", "en": "[ANSWER]"}


@dataclass(frozen=True)
class QuestionSet:
    """One type of interview in one language: its name, category, intro and questions."""

    key: str
    name: str
    category: str
    intro: str
    questions: tuple[str, ...]


def available(settings: Mapping[str, Any]) -> dict[str, Path]:
    """Every interview type by key (the file name), the site's files over the shipped ones."""
    found = {path.stem: path for path in sorted(SHIPPED.glob("*.yaml"))}
    own = Path(settings["PATH"], settings.get("EDITORIAL_INTERVIEWS_PATH") or "")
    if settings.get("EDITORIAL_INTERVIEWS_PATH") and own.is_dir():
        found.update({path.stem: path for path in sorted(own.glob("*.yaml"))})
    return dict(sorted(found.items()))


def load(key: str, settings: Mapping[str, Any], post_lang: str) -> QuestionSet:
    """The question set of one type in the post's language; ScaffoldError says what is wrong."""
    lang = settings["MESSAGES_LANG"]
    sets = available(settings)
    if key not in sets:
        raise ScaffoldError(word(lang, "unknown_interview", value=key, known=", ".join(sets)))
    path = sets[key]
    shown = _shown(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ScaffoldError(word(lang, "interview_yaml", path=shown, line=line)) from None
    if not isinstance(data, Mapping):
        raise ScaffoldError(word(lang, "interview_field", path=shown, field="questions"))

    def in_lang(field: str) -> Any:
        value = data.get(field)
        return value.get(post_lang) if isinstance(value, Mapping) else value

    questions = in_lang("questions")
    if (
        not isinstance(questions, list)
        or not questions
        or not all(isinstance(q, str) and q.strip() for q in questions)
    ):
        raise ScaffoldError(
            word(lang, "interview_field", path=shown, field=f"questions: {post_lang}:")
        )
    return QuestionSet(
        key=key,
        name=str(in_lang("name") or key),
        category=str(data.get("category") or ""),
        intro=str(in_lang("intro") or "").strip(),
        questions=tuple(q.strip() for q in questions),
    )


def interview_body(questions: QuestionSet, post_lang: str) -> str:
    """The draft's text: the intro, then each question as a heading with its placeholder."""
    placeholder = ANSWER_PLACEHOLDERS.get(post_lang, ANSWER_PLACEHOLDERS["en"])
    parts = [questions.intro] if questions.intro else []
    parts += [f"## {question}\n\n{placeholder}" for question in questions.questions]
    return "\n\n".join(parts) + "\n"


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
