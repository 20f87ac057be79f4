"""Writing hints for one post: plain-language suggestions that never block publishing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from faces_common.formats import MARKDOWN, format_of
from faces_common.header import split_lines
from faces_common.problems import Problem

from ..corpus import ARTICLE, Source
from ..scan import IMAGE
from .messages import text
from .prose import paragraphs, plain
from .readability import reading_ease

HINT = "hint"
_FORMULA = {"de": "Amstad", "en": "Flesch"}
_BULLET = re.compile(r"^\s*([•◦▪▫●○■□►▶➢✓✔·])\s*")
_CREDIT = re.compile(
    r"^\s*(?:[*_]+)?(?:©|\(c\)|(?:foto|fotos|bild|bilder|bildquelle|quelle|photo|photos|"
    r"image|credit|picture)s?\s*:)",
    re.IGNORECASE,
)
_LEFTOVERS = re.compile(
    r"^\s*(?:teilen|teilen auf \w+|share|share this|share on \w+|tweet|drucken|print|"
    r"gefällt mir|like|kommentar schreiben|kommentar verfassen|kommentare|kommentieren|"
    r"leave a comment|leave a reply|antworten abbrechen|cancel reply|"
    r"ihre e-mail-adresse wird nicht veröffentlicht.*|"
    r"your email address will not be published.*)\s*[:.!]?\s*$",
    re.IGNORECASE,
)
_VAGUE_ALT = {
    "bild", "foto", "grafik", "abbildung", "image", "photo", "picture", "img", "screenshot",
    "bild 1", "foto 1", "image 1",
}  # fmt: skip
_FILE_NAME = re.compile(r"(?:\.(?:jpe?g|png|webp|gif|svg|heic)$|^(?:img|dsc|pxl)[_-]?\d+)", re.I)


def post_hints(source: Source, settings: Mapping[str, Any]) -> list[Problem]:
    """Every hint for a Markdown post in German or English; other sources get none."""
    if source.kind != ARTICLE or source.lang not in _FORMULA:
        return []
    if format_of(source.path.name) != MARKDOWN:
        return []
    lang = settings["MESSAGES_LANG"]
    hints: list[Problem] = []

    def hint(at: int, key: str, /, **values: object) -> None:
        message, fix = text(lang, key, **values)
        hints.append(Problem(source.shown, at, message, fix, HINT, rule=f"hint.{key}"))

    title = source.first("title")
    limit = settings["EDITORIAL_HINTS_TITLE_CHARACTERS"]
    if title is not None and len(title.value) > limit:
        hint(title.line, "long_title", length=len(title.value), limit=limit)
    found = paragraphs(source.text, source.header.body_line)
    sentence_limit = settings["EDITORIAL_HINTS_SENTENCE_WORDS"]
    paragraph_limit = settings["EDITORIAL_HINTS_PARAGRAPH_WORDS"]
    for paragraph in found:
        if paragraph.words > paragraph_limit:
            hint(paragraph.line, "long_paragraph", words=paragraph.words, limit=paragraph_limit)
        for sentence in paragraph.sentences:
            if sentence.words > sentence_limit:
                start = " ".join(sentence.text.split()[:6])
                hint(
                    sentence.line,
                    "long_sentence",
                    words=sentence.words,
                    start=start,
                    limit=sentence_limit,
                )
    prose = "\n\n".join(p.text for p in found)
    score = reading_ease(prose, source.lang) if prose else None
    ease_limit = settings["EDITORIAL_HINTS_READING_EASE"]
    if score is not None and score < ease_limit:
        shown = max(0, min(100, round(score)))
        line = found[0].line
        hint(line, "reading_ease", score=shown, formula=_FORMULA[source.lang], limit=ease_limit)
    _image_hints(source, hint)
    _pasted_hints(source, hint)
    return hints


def _image_hints(source: Source, hint: Any) -> None:
    alt = source.first("image-alt")
    if alt is not None and _vague(alt.value):
        hint(alt.line, "vague_alt", alt=alt.value)
    for reference in source.body[0]:
        if reference.kind == IMAGE and reference.label and _vague(reference.label):
            hint(reference.line, "vague_alt", alt=reference.label)


def _vague(alt: str) -> bool:
    words = alt.strip().casefold()
    return words in _VAGUE_ALT or bool(_FILE_NAME.search(words))


def _pasted_hints(source: Source, hint: Any) -> None:
    lines = split_lines(source.text)
    in_code = {n for fence in source.body[1] for n in range(fence.first, fence.last + 1)}
    in_comment = False
    for number in range(source.header.body_line, len(lines) + 1):
        raw = lines[number - 1]
        if in_comment or raw.lstrip().startswith("<!--"):
            in_comment = "-->" not in raw
            continue
        if number in in_code:
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            hint(number, "pasted_bullets", bullet=bullet[1])
        elif _CREDIT.match(raw):
            hint(number, "credit_in_text", line=_short(plain(raw)))
        elif _LEFTOVERS.match(plain(raw)):
            hint(number, "leftover_web_text", line=plain(raw))


def _short(line: str, limit: int = 60) -> str:
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
