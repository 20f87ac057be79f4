"""The prose of a Markdown post as a reader meets it: paragraphs and sentences with their lines."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from faces_common.header import split_lines

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_CODE = re.compile(r"`[^`]*`")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)|(?<=\S)(\*\*|__|\*|_)")
# A sentence ends at . ! ? (or …) followed by space and a capital, a digit or an opening quote;
# "z. B. das" and "3. Mai" stay one sentence because a lower-case word or a digit follows.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'“”»«)]?\s+(?=[A-ZÄÖÜ„\"«»(])")
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the prose, as plain text, and the line it starts on."""

    text: str
    line: int

    @property
    def words(self) -> int:
        """Number of words."""
        return len(_WORD.findall(self.text))


@dataclass(frozen=True)
class Paragraph:
    """A block of prose between blank lines: its first line and its sentences."""

    line: int
    text: str
    sentences: tuple[Sentence, ...]

    @property
    def words(self) -> int:
        """Number of words."""
        return len(_WORD.findall(self.text))


def plain(markdown: str) -> str:
    """A line of Markdown as the words a reader sees: no images, link targets, code or tags."""
    text = _IMAGE.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub("", text)
    text = _TAG.sub("", text)
    return _EMPHASIS.sub("", text).strip()


def paragraphs(text: str, body_line: int) -> list[Paragraph]:
    """The prose paragraphs of a body: no headings, code, HTML comments, tables or list items."""
    lines = split_lines(text)
    found: list[Paragraph] = []
    block: list[tuple[int, str]] = []
    in_fence = in_comment = False

    def close() -> None:
        if block:
            found.append(_paragraph(block))
            block.clear()

    for number in range(body_line, len(lines) + 1):
        raw = lines[number - 1]
        stripped = raw.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if _FENCE.match(raw):
            close()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if stripped.startswith("<!--"):
            close()
            in_comment = "-->" not in stripped
            continue
        if (
            not stripped
            or stripped.startswith(("#", "|", ">", "<"))
            or _LIST_ITEM.match(raw)
            or raw.startswith("    ")
        ):
            close()
            continue
        block.append((number, plain(stripped)))
    close()
    return found


def _paragraph(block: list[tuple[int, str]]) -> Paragraph:
    starts, parts, offset = [], [], 0
    for number, words in block:
        starts.append((offset, number))
        parts.append(words)
        offset += len(words) + 1
    joined = " ".join(parts)
    offsets = [start for start, _ in starts]
    sentences = []
    position = 0
    for piece in [*_SENTENCE_END.split(joined)]:
        at = joined.find(piece, position)
        position = at + len(piece)
        if piece.strip():
            line = starts[bisect.bisect_right(offsets, at) - 1][1]
            sentences.append(Sentence(piece.strip(), line))
    return Paragraph(block[0][0], joined, tuple(sentences))
