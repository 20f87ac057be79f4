"""The small HTML pages the backend answers a plain form with (no script on the reader's side).

Every value is escaped; only the site's own stylesheets load; forms post only to the backend.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from faces_backend.http.settings import Language

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def page(title: str, body: str, *, language: Language, stylesheets: Sequence[str]) -> str:
    """Return a whole HTML page around `body` (already escaped HTML)."""
    sheets = "".join(f'<link rel="stylesheet" href="{html.escape(s)}">\n' for s in stylesheets)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n{sheets}</head>\n<body>\n"
        f'<main id="main" class="wrap">\n<h1>{html.escape(title)}</h1>\n{body}</main>\n'
        "</body>\n</html>\n"
    )


def paragraphs(text: str) -> str:
    """Return plain text as escaped paragraphs (blank lines) with line breaks."""
    blocks = [block for block in text.split("\n\n") if block.strip()]
    return "".join(
        f"<p>{'<br>'.join(html.escape(line) for line in block.split(chr(10)))}</p>\n"
        for block in blocks
    )


def hidden_inputs(fields: Mapping[str, str]) -> str:
    """Return hidden inputs carrying these fields."""
    return "".join(
        f'<input type="hidden" name="{html.escape(name)}" value="{html.escape(value)}">\n'
        for name, value in fields.items()
    )


def note(message: str, *, ok: bool) -> str:
    """Return a status line (role status) marked as good news or as a problem."""
    kind = "ok" if ok else "problem"
    return f'<p class="form-note form-note--{kind}" role="status">{html.escape(message)}</p>\n'


def back_link(back_url: str | None, back: str) -> str:
    """Return the way back as a paragraph, or nothing when it is unknown."""
    if not back_url:
        return ""
    return f'<p><a href="{html.escape(back_url)}">{html.escape(back)}</a></p>\n'
