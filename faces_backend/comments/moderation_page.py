"""The HTML of the moderation page: the login form and the queue with its forms (no script)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from faces_common.manifests import ManifestThread

from faces_backend.comments.pages import paragraphs
from faces_backend.comments.store import REASONS, Comment
from faces_backend.http.settings import Language

_WORDS: dict[Language, dict[str, str]] = {
    "de": {
        "title": "Kommentare freigeben",
        "login": "Anmelden",
        "token": "Moderations-Schlüssel",
        "empty": "Keine Kommentare warten auf Freigabe.",
        "approve": "Freigeben",
        "reject": "Ablehnen",
        "reason": "Grund",
        "reply": "Als Autorin antworten",
        "reply_as": "Antwort von",
        "reply_text": "Antwort",
        "reported": "Gemeldet",
        "pending": "Wartet",
        "reply_to": "Antwort auf",
        "spam": "Spam",
        "off_topic": "Nicht zum Thema",
        "insulting": "Beleidigend",
        "personal_data": "Persönliche Daten",
        "other": "Anderes",
        "wrong_token": "Der Schlüssel stimmt nicht.",
        "problem.csrf": "Das Formular ist veraltet oder kam nicht von hier. Bitte neu laden.",
        "problem.not_moderator": "Freigeben und Ablehnen dürfen nur die Moderatorinnen.",
        "problem.not_author": "Antworten dürfen hier nur die Autorinnen des Beitrags.",
        "problem.no_comment": "Diesen Kommentar gibt es nicht (mehr).",
        "problem.bad_profile": "Bitte wählen Sie, wer antwortet.",
        "problem.bad_reply": "Die Antwort ist leer oder zu lang.",
        "problem.rejected_parent": "Auf einen abgelehnten Kommentar kann niemand antworten.",
        "problem.database": "Die Datenbank ist gerade nicht erreichbar. Bitte noch einmal.",
        "problem.action": "Unbekannte Aktion. Bitte Seite neu laden.",
        "problem.reason": "Bitte wählen Sie einen Grund aus der Liste.",
        "stories": "Geschichten-Vorschläge entscheiden",
    },
    "en": {
        "title": "Approve comments",
        "login": "Sign in",
        "token": "Moderation key",
        "empty": "No comments are waiting for a decision.",
        "approve": "Approve",
        "reject": "Reject",
        "reason": "Reason",
        "reply": "Reply as the author",
        "reply_as": "Reply by",
        "reply_text": "Reply",
        "reported": "Reported",
        "pending": "Waiting",
        "reply_to": "Reply to",
        "spam": "Spam",
        "off_topic": "Off topic",
        "insulting": "Insulting",
        "personal_data": "Personal data",
        "other": "Other",
        "wrong_token": "The key is not right.",
        "problem.csrf": "The form is stale or did not come from this page. Please reload.",
        "problem.not_moderator": "Only moderators may approve and reject.",
        "problem.not_author": "Only the post's authors may reply here.",
        "problem.no_comment": "This comment does not exist (any more).",
        "problem.bad_profile": "Please choose who replies.",
        "problem.bad_reply": "The reply is empty or too long.",
        "problem.rejected_parent": "Nobody can reply to a rejected comment.",
        "problem.database": "The database is not reachable right now. Please try again.",
        "problem.action": "Unknown action. Please reload the page.",
        "problem.reason": "Please choose a reason from the list.",
        "stories": "Decide story proposals",
    },
}


@dataclass(frozen=True)
class QueueItem:
    """One comment in the queue with its post and the reasons readers reported it for."""

    comment: Comment
    thread: ManifestThread | None
    reports: tuple[str, ...]


def word(language: Language, key: str, **values: object) -> str:
    """Return one word of the page."""
    return _WORDS[language][key].format(**values)


def login_body(language: Language, action: str, problem: str) -> str:
    """Return the login form."""
    note = f'<p class="comment__note" role="alert">{html.escape(problem)}</p>\n' if problem else ""
    return (
        f'{note}<form method="post" action="{html.escape(action)}">\n'
        f'<label for="token">{html.escape(word(language, "token"))}</label>\n'
        '<input id="token" name="token" type="password" autocomplete="current-password" required>\n'
        f'<button type="submit">{html.escape(word(language, "login"))}</button>\n</form>\n'
    )


def queue_body(
    language: Language,
    items: Sequence[QueueItem],
    *,
    action: str,
    csrf: str,
    can_decide: bool,
    profile: str | None,
    problem: str,
) -> str:
    """Return the queue: each comment with approve, reject and the author's reply box."""
    note = f'<p class="comment__note" role="alert">{html.escape(problem)}</p>\n' if problem else ""
    if not items:
        return f"{note}<p>{html.escape(word(language, 'empty'))}</p>\n"
    entries = "".join(_item(language, item, action, csrf, can_decide, profile) for item in items)
    return f'{note}<ol class="moderation">\n{entries}</ol>\n'


def _item(
    language: Language,
    item: QueueItem,
    action: str,
    csrf: str,
    can_decide: bool,
    profile: str | None,
) -> str:
    comment = item.comment
    key = comment.id
    title = item.thread.title if item.thread else comment.thread
    state = (
        word(language, "reported") if comment.status == "approved" else word(language, "pending")
    )
    if item.reports:
        state += ": " + ", ".join(word(language, r) if r in REASONS else r for r in item.reports)
    reply_to = f" ({word(language, 'reply_to')} {comment.parent})" if comment.parent else ""
    target = f"{html.escape(action)}/{html.escape(key)}"
    hidden = f'<input type="hidden" name="csrf" value="{html.escape(csrf)}">\n'
    forms = ""
    if can_decide:
        reasons = "".join(
            f'<option value="{r}">{html.escape(word(language, r))}</option>' for r in REASONS
        )
        forms += (
            f'<form method="post" action="{target}">\n{hidden}'
            '<input type="hidden" name="action" value="approve">\n'
            f'<button type="submit">{html.escape(word(language, "approve"))}</button>\n</form>\n'
            f'<form method="post" action="{target}">\n{hidden}'
            '<input type="hidden" name="action" value="reject">\n'
            f'<label for="reason-{key}">{html.escape(word(language, "reason"))}</label>\n'
            f'<select id="reason-{key}" name="reason">{reasons}</select>\n'
            f'<button type="submit">{html.escape(word(language, "reject"))}</button>\n</form>\n'
        )
    forms += _reply_form(language, item, target, hidden, profile)
    return (
        f'<li class="moderation__item" id="item-{key}">\n<article aria-labelledby="head-{key}">\n'
        f'<h2 id="head-{key}">{html.escape(comment.name)} – {html.escape(title)}</h2>\n'
        f"<p>{html.escape(state)} · {html.escape(comment.received)} · "
        f"<code>{html.escape(key)}</code>{html.escape(reply_to)}</p>\n"
        f"{paragraphs(comment.text)}{forms}</article>\n</li>\n"
    )


def _reply_form(
    language: Language, item: QueueItem, target: str, hidden: str, profile: str | None
) -> str:
    key = item.comment.id
    authors = item.thread.authors if item.thread else ()
    if profile is not None:
        chooser = f'<input type="hidden" name="profile" value="{html.escape(profile)}">\n'
    elif authors:
        options = "".join(
            f'<option value="{html.escape(a)}">{html.escape(a)}</option>' for a in authors
        )
        chooser = (
            f'<label for="as-{key}">{html.escape(word(language, "reply_as"))}</label>\n'
            f'<select id="as-{key}" name="profile">{options}</select>\n'
        )
    else:
        return ""
    return (
        f'<form method="post" action="{target}">\n{hidden}'
        '<input type="hidden" name="action" value="reply">\n'
        f"{chooser}"
        f'<label for="reply-{key}">{html.escape(word(language, "reply_text"))}</label>\n'
        f'<textarea id="reply-{key}" name="text" rows="4" required></textarea>\n'
        f'<button type="submit">{html.escape(word(language, "reply"))}</button>\n</form>\n'
    )
