"""A Python-Markdown extension that swaps each ```poll block for a marker the plugin fills.

The poll itself is rendered later, when Pelican creates the post (content_object_init):
Pelican caches what the reader returns by file, and a poll's look depends on the build
(closing time, results snapshot, endpoint), not only on the file.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .blocks import find_fences

MARKER = "<!--idea-poll:{index}-->"
MARKER_PATTERN = re.compile(r"<!--idea-poll:(\d+)-->")
# After the meta extension (27) has taken the header, before fenced code (25) sees the block.
PRIORITY = 26


class PollFences(Preprocessor):
    """Replace the n-th closed ```poll block by the raw-HTML marker for n."""

    def run(self, lines: list[str]) -> list[str]:
        """Return the lines with every closed poll block replaced."""
        fences = [fence for fence in find_fences(lines) if fence.closed]
        if not fences:
            return lines
        result: list[str] = []
        position = 0
        for index, fence in enumerate(fences):
            opening = fence.line - 1
            closing = opening + len(fence.body) + 1
            placeholder = self.md.htmlStash.store(MARKER.format(index=index))
            result += [*lines[position:opening], "", placeholder, ""]
            position = closing + 1
        return result + lines[position:]


class PollExtension(Extension):
    """Register the poll-fence preprocessor."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the preprocessor to this Markdown instance."""
        md.preprocessors.register(PollFences(md), "idea_polls", PRIORITY)


def makeExtension(**kwargs: Any) -> PollExtension:
    """Return the extension (Python-Markdown loads it by module name)."""
    return PollExtension(**kwargs)
