"""Idea polls in posts: readers vote and suggest, the company reports its decision (POLLS_).

Public API for tools that check content without building (`invoke check`):
- `read_polls(text, path, lang, zone)`: the polls of a Markdown text and their problems;
- `duplicate_poll_text(lang, poll_id, other)`: the build's words for a poll id used twice.
"""

from .blocks import read_polls
from .messages import duplicate_poll_text
from .plugin import register

__all__ = ["duplicate_poll_text", "read_polls", "register"]
