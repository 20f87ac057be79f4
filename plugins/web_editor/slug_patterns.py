"""The site's SLUG_REGEX_SUBSTITUTIONS rewritten for JavaScript, so the editor names files alike."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Python-only spellings and their JavaScript equivalents (used with the flags "giu").
_ANCHORS = {r"\A": "^", r"\Z": "$"}
_WORD_IN_CLASS = r"\p{L}\p{N}_"


def js_pattern(pattern: str) -> str:
    """One Python pattern as a JavaScript pattern: \\A, \\Z, inline flags and Unicode \\w."""
    pattern = re.sub(r"\(\?[aiLmsux]+\)", "", pattern)
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        pair = pattern[index : index + 2]
        if pair in _ANCHORS:
            out.append(_ANCHORS[pair])
        elif pair == r"\w":
            # JavaScript's \w knows ASCII letters only, Python's every letter.
            out.append(_WORD_IN_CLASS if in_class else f"[{_WORD_IN_CLASS}]")
        elif pair[:1] == "\\" and len(pair) == 2:
            out.append(pair)
        else:
            char = pattern[index]
            in_class = (in_class and char != "]") or (not in_class and char == "[")
            out.append(char)
            index += 1
            continue
        index += 2
    return "".join(out)


def js_substitutions(substitutions: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Each (pattern, replacement) for JavaScript's String.replace (group \\1 becomes $1)."""
    return [
        [js_pattern(pattern), re.sub(r"\\(\d)", r"$\1", replacement)]
        for pattern, replacement in substitutions
    ]
