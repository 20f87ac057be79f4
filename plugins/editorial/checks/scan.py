"""Find images and links in the raw Markdown of a post, with line and column, without rendering."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

IMAGE = "image"
LINK = "link"

# [text](target "title"), and with a "!" in front an image. The label holds no brackets, so in
# [![alt](image)](target) the image is found and the outer link is not (rare in posts). The
# pattern starts with a literal bracket, which lets the regex engine skip ahead quickly.
_INLINE = re.compile(
    r"\[(?P<label>[^\[\]\n]*)\]\([ \t]*<?(?P<target>[^\s)>]*)>?(?:[ \t]+[\"'(][^)\n]*)?\)"
)
_HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""(?P<name>[a-zA-Z-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


# NamedTuples, not dataclasses: the check's memo keeps thousands of them between runs, and
# a tuple loads from it several times faster.
class Reference(NamedTuple):
    """An image or a link in a post's body, where it is written."""

    kind: str
    target: str
    label: str | None
    line: int
    column: int


class Fence(NamedTuple):
    """A fenced code block: its info word (e.g. 'poll') and its first and last line."""

    info: str
    first: int
    last: int


def scan_body(text: str, body_line: int) -> tuple[list[Reference], list[Fence]]:
    """Return the references outside code and comments, and the fenced blocks, of the body."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    body_start = starts[min(body_line - 1, len(lines))]
    fences = _fences(lines, body_line) if ("```" in text or "~~~" in text) else []
    # Markdown does not look for links in code or in HTML comments.
    hidden = [(starts[f.first - 1], starts[min(f.last, len(lines))]) for f in fences]
    if "<!--" in text:
        hidden += [m.span() for m in _COMMENT.finditer(text, body_start)]
    if "`" in text:
        hidden += [m.span() for m in _CODE_SPAN.finditer(text, body_start)]
    hidden = _merged(hidden)
    references = []
    for match in _INLINE.finditer(text, body_start):
        at = match.start()
        before = text[at - 1] if at else ""
        if before == "\\" or _inside(hidden, at):
            continue
        if before == "!":
            references.append(_reference(IMAGE, match, at - 1, starts))
        else:
            references.append(_reference(LINK, match, at, starts))
    if "<img" in text or "<IMG" in text:
        for match in _HTML_IMG.finditer(text, body_start):
            if _inside(hidden, match.start()):
                continue
            attrs = {
                a["name"].lower(): a["dq"] if a["dq"] is not None else a["sq"]
                for a in _ATTR.finditer(match["attrs"])
            }
            number = bisect.bisect_right(starts, match.start())
            column = match.start() - starts[number - 1] + 1
            references.append(
                Reference(IMAGE, attrs.get("src", ""), attrs.get("alt"), number, column)
            )
    references.sort(key=lambda r: (r.line, r.column))
    return references, fences


def _fences(lines: list[str], body_line: int) -> list[Fence]:
    fences = []
    open_fence: tuple[str, str, int] | None = None
    for number in range(body_line, len(lines) + 1):
        match = _FENCE.match(lines[number - 1])
        if not match:
            continue
        if open_fence is None:
            open_fence = (match["fence"], match["info"].lower(), number)
            continue
        marker, info, first = open_fence
        if match["fence"][0] == marker[0] and len(match["fence"]) >= len(marker):
            fences.append(Fence(info, first, number))
            open_fence = None
    if open_fence is not None:
        fences.append(Fence(open_fence[1], open_fence[2], len(lines)))
    return fences


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps joined: a comment inside a code block must not end the block."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _reference(kind: str, match: re.Match[str], offset: int, starts: list[int]) -> Reference:
    line = bisect.bisect_right(starts, offset)
    column = offset - starts[line - 1] + 1
    return Reference(kind, match["target"], match["label"], line, column)
