"""A reader's plain text as safe HTML: paragraphs, clickable https links, *emphasis*."""

from __future__ import annotations

import html
import re

from faces_common.html import sanitize_reader_html
from markupsafe import Markup

# Bare https addresses; trailing punctuation belongs to the sentence, not the link.
_LINK = re.compile(r"https://[^\s<>\"']+")
_TRAILING = ".,;:!?)]}»“”’"
_EMPHASIS = re.compile(r"\*(?=\S)([^*\n]+?)(?<=\S)\*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def render_text(text: str) -> Markup:
    """Render a comment written as plain text; nothing in it can add markup of its own."""
    paragraphs = _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n").strip())
    rendered = "".join(f"<p>{_paragraph(p)}</p>" for p in paragraphs if p.strip())
    # Everything above is escaped already; the sanitizer is the second lock on the door.
    return sanitize_reader_html(rendered)


def _paragraph(text: str) -> str:
    pieces: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        address = match.group(0).rstrip(_TRAILING)
        pieces.append(_words(text[position : match.start()]))
        escaped = html.escape(address)
        pieces.append(f'<a href="{escaped}">{escaped}</a>')
        position = match.start() + len(address)
    pieces.append(_words(text[position:]))
    return "".join(pieces)


def _words(text: str) -> str:
    return _EMPHASIS.sub(r"<em>\1</em>", html.escape(text.strip("\n")))
