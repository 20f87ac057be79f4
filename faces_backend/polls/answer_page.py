"""The answer page for a vote posted without JavaScript: the outcome, the results, a way back.

A static page cannot read the voter cookie, so the backend answers a plain form post with
this small page itself: the message, the poll's current numbers when the reader may see
them, and a link back to the post. Every value is escaped; only the site's own stylesheets
are linked, nothing from other hosts.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from babel.numbers import format_percent

from faces_backend.http.setting_values import Voice, lang_of
from faces_backend.polls.messages import text

if TYPE_CHECKING:
    # Only a type here: answers.py renders its Answer with this page.
    from faces_backend.polls.answers import Answer

# Nothing but the site's own stylesheets may load; the page has no script and no form.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
OK_STATUSES = frozenset({"counted", "suggestion_queued"})


def answer_page(answer: Answer, *, voice: Voice, locale: str, stylesheets: Sequence[str]) -> str:
    """Return the whole HTML page for one answer."""
    title = answer.question or text(voice, "page_title")
    kind = "ok" if answer.status in OK_STATUSES else "problem"
    sheets = "".join(
        f'<link rel="stylesheet" href="{html.escape(sheet)}">\n' for sheet in stylesheets
    )
    back = ""
    if answer.back_url:
        back = (
            f'<p class="poll__back"><a href="{html.escape(answer.back_url)}">'
            f"{html.escape(text(voice, 'back'))}</a></p>\n"
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang_of(voice)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)} – {html.escape(text(voice, 'page_title'))}</title>\n"
        f"{sheets}</head>\n<body>\n"
        '<main id="main" class="wrap">\n'
        f'<section class="poll poll--answer poll--{html.escape(answer.status)}" '
        'aria-labelledby="poll-answer-title">\n'
        f'<h1 class="poll__question" id="poll-answer-title">{html.escape(title)}</h1>\n'
        f'<p class="poll__live poll__live--{kind}" role="status">'
        f"{html.escape(answer.message)}</p>\n"
        f"{_results(answer, voice, locale)}{back}</section>\n</main>\n</body>\n</html>\n"
    )


def _results(answer: Answer, voice: Voice, locale: str) -> str:
    if answer.results is None:
        if answer.hidden_by in ("after_vote", "after_close"):
            note = text(voice, f"hidden_{answer.hidden_by}")
            return f'<p class="poll__hint">{html.escape(note)}</p>\n'
        return ""
    total = int(answer.results["total"])
    heading = text(voice, "results_final" if answer.results["closed"] else "results_so_far")
    people = text(voice, "people_one" if total == 1 else "people_other", n=total)
    rows = "".join(_row(option, total, voice, locale) for option in answer.results["options"])
    return (
        '<div class="poll__results">\n'
        f'<h2 class="poll__results-title">{html.escape(heading)}</h2>\n'
        f"<p>{html.escape(people)}</p>\n"
        f'<ul class="poll__result-list">\n{rows}</ul>\n</div>\n'
    )


def _row(option: dict[str, Any], total: int, voice: Voice, locale: str) -> str:
    votes = int(option["votes"])
    share = format_percent(votes / total if total else 0, locale=locale)
    figure = text(voice, "votes_one" if votes == 1 else "votes_other", n=votes)
    meter_id = f"poll-answer-{html.escape(str(option['id']))}"
    return (
        '<li class="poll__result">'
        f'<label class="poll__result-label" for="{meter_id}">'
        f"{html.escape(str(option['label']))}</label>"
        f'<meter id="{meter_id}" min="0" max="{max(total, 1)}" value="{votes}">'
        f"{votes}/{total}</meter>"
        f'<span class="poll__result-figure">{html.escape(figure)} ({html.escape(share)})</span>'
        "</li>\n"
    )
