"""The small pages the backend answers a comment form with when the reader has no script.

Every value is escaped; only the site's own stylesheets load; forms post only to the
backend itself. The preview page carries the reader's fields on to the confirm post.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from starlette.responses import HTMLResponse

from faces_backend.comments.messages import say
from faces_backend.http.pages import PAGE_HEADERS, back_link, hidden_inputs, page, paragraphs
from faces_backend.http.setting_values import lang_of
from faces_backend.http.settings import Settings

__all__ = [
    "PAGE_HEADERS",
    "comment_page",
    "confirm_body",
    "message_body",
    "page",
    "paragraphs",
    "preview_body",
    "stored_body",
]


def preview_body(
    *,
    heading: str,
    name: str,
    text: str,
    note: str,
    action: str,
    fields: Mapping[str, str],
    button: str,
    hint: str,
) -> str:
    """Return the preview: the comment as it will appear, and the confirm button."""
    notice = f'<p class="comment__note" role="status">{html.escape(note)}</p>\n' if note else ""
    return (
        f'{notice}<section class="comment comment--preview" aria-labelledby="preview-title">\n'
        f'<h2 id="preview-title">{html.escape(heading)}</h2>\n'
        f'<article class="comment__body">\n<p class="comment__name"><strong>'
        f"{html.escape(name)}</strong></p>\n{paragraphs(text)}</article>\n"
        f'<form method="post" action="{html.escape(action)}">\n{hidden_inputs(fields)}'
        f'<button type="submit">{html.escape(button)}</button>\n</form>\n'
        f"<p>{html.escape(hint)}</p>\n</section>\n"
    )


def message_body(message: str, *, ok: bool, back_url: str | None, back: str) -> str:
    """Return a status message and, if known, the way back to the post."""
    kind = "ok" if ok else "problem"
    note = f'<p class="comment__note comment__note--{kind}" role="status">'
    return f"{note}{html.escape(message)}</p>\n{back_link(back_url, back)}"


def stored_body(
    *, message: str, hint: str, withdraw_url: str, withdraw: str, back_url: str | None, back: str
) -> str:
    """Return the answer to a stored comment: the note, the private withdraw link once, back."""
    return (
        f'<p class="comment__note comment__note--ok" role="status">{html.escape(message)}</p>\n'
        f"<p>{html.escape(hint)}</p>\n"
        f'<p><a class="comment__withdraw" href="{html.escape(withdraw_url)}">'
        f"{html.escape(withdraw)}</a>: <code>{html.escape(withdraw_url)}</code></p>\n"
        f"{back_link(back_url, back)}"
    )


def confirm_body(*, question: str, action: str, button: str) -> str:
    """Return the question and button of the withdraw page (a GET never deletes)."""
    return (
        f"<p>{html.escape(question)}</p>\n"
        f'<form method="post" action="{html.escape(action)}">\n'
        f'<button type="submit">{html.escape(button)}</button>\n</form>\n'
    )


def comment_page(
    settings: Settings, body: str, *, status: int = 200, title_key: str = "page_title"
) -> HTMLResponse:
    """Return a whole comment page in the settings' voice around `body` (escaped HTML)."""
    voice = settings.voice
    document = page(
        say(voice, title_key), body, language=lang_of(voice), stylesheets=settings.stylesheets
    )
    return HTMLResponse(document, status_code=status, headers=PAGE_HEADERS)
