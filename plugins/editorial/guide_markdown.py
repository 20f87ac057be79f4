"""A Python-Markdown extension that drops `invoke new-post`'s explanation block from the HTML.

The block is an HTML comment, which Markdown copies into the page source as it is; a story
draft keeps the proposer's name and text there. `invoke check` warns while the block is in the
file; this makes sure that a post published with it anyway shows none of it, not even in the
page source.
"""

from __future__ import annotations

from typing import Any

from faces_common.formats import GUIDE_END, GUIDE_MARKER
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# After the meta extension (27) has taken the header, before raw HTML blocks (20) are stashed.
PRIORITY = 26


def without_guide(lines: list[str]) -> list[str]:
    """The lines without any explanation block (from its marker to its end, or to the end)."""
    kept: list[str] = []
    inside = False
    for line in lines:
        rest = line
        if not inside and line.startswith(GUIDE_MARKER):
            inside, rest = True, line[len(GUIDE_MARKER) :]
        if not inside:
            kept.append(line)
        elif GUIDE_END in rest:
            inside = False
    return kept


class DropGuide(Preprocessor):
    """Remove the explanation block before Markdown sees it as raw HTML."""

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines without the block."""
        return without_guide(lines)


class GuideExtension(Extension):
    """Register the preprocessor."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor to this Markdown instance."""
        md.preprocessors.register(DropGuide(md), "editorial_guide", PRIORITY)


def makeExtension(**kwargs: Any) -> GuideExtension:
    """Return the extension (Python-Markdown loads it by module name)."""
    return GuideExtension(**kwargs)
