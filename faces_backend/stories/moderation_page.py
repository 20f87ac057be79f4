"""The HTML of the editors' story queue: each proposal with accept and decline (no script)."""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence

from faces_backend.http.pages import paragraphs
from faces_backend.http.settings import Language
from faces_backend.stories.cli_messages import describe, say
from faces_backend.stories.config import REASON_MAX
from faces_backend.stories.store import Story

_WORDS: dict[Language, dict[str, str]] = {
    "de": {
        "title": "Geschichten-Vorschläge",
        "sign_in": "Bitte melden Sie sich zuerst auf der Moderationsseite an.",
        "sign_in_link": "Zur Anmeldung",
        "received": "Eingegangen",
        "editor": "Zuständig",
        "accept": "Annehmen",
        "reason": "Grund (bleibt intern)",
        "decline": "Ablehnen",
        "problem.csrf": "Das Formular ist veraltet oder kam nicht von hier. Bitte neu laden.",
        "problem.action": "Unbekannte Aktion. Bitte Seite neu laden.",
        "problem.database": "Die Datenbank ist gerade nicht erreichbar. Bitte noch einmal.",
    },
    "en": {
        "title": "Story proposals",
        "sign_in": "Please sign in on the moderation page first.",
        "sign_in_link": "Sign in",
        "received": "Received",
        "editor": "Editor",
        "accept": "Accept",
        "reason": "Reason (stays internal)",
        "decline": "Decline",
        "problem.csrf": "The form is stale or did not come from this page. Please reload.",
        "problem.action": "Unknown action. Please reload the page.",
        "problem.database": "The database is not reachable right now. Please try again.",
    },
}


def word(language: Language, key: str) -> str:
    """Return one word of the page."""
    return _WORDS[language][key]


def sign_in_body(language: Language, login_url: str) -> str:
    """Return the hint to sign in on the comments' moderation page (one login for both)."""
    return (
        f"<p>{html.escape(word(language, 'sign_in'))}</p>\n"
        f'<p><a href="{html.escape(login_url)}">{html.escape(word(language, "sign_in_link"))}'
        "</a></p>\n"
    )


def queue_body(
    language: Language,
    stories: Sequence[Story],
    profiles: Collection[str],
    *,
    action: str,
    csrf: str,
    notes: Sequence[tuple[str, bool]],
) -> str:
    """Return the notes (a decision's outcome or a problem) and the queue of proposals."""
    shown = "".join(
        f'<p class="form-note form-note--{"ok" if ok else "problem"}" role="status">'
        f"{html.escape(text)}</p>\n"
        for text, ok in notes
    )
    if not stories:
        return f"{shown}<p>{html.escape(say(language, 'empty_queue'))}</p>\n"
    items = "".join(_item(language, story, profiles, action, csrf) for story in stories)
    return f'{shown}<ol class="moderation">\n{items}</ol>\n'


def _item(
    language: Language, story: Story, profiles: Collection[str], action: str, csrf: str
) -> str:
    target = html.escape(f"{action}/{story.id}")
    hidden = f'<input type="hidden" name="csrf" value="{html.escape(csrf)}">\n'
    options = "".join(
        f'<option value="{html.escape(slug)}">{html.escape(slug)}</option>'
        for slug in sorted(profiles)
    )
    contact = (
        f"<p>{html.escape(say(language, 'contact', contact=story.contact))}</p>\n"
        if story.contact
        else ""
    )
    editor_id, reason_id = f"editor-{story.id}", f"reason-{story.id}"
    heading = describe(story, language)
    return (
        f'<li class="moderation__item" id="{story.id}">\n'
        f"<h2>{html.escape(heading[:1].upper() + heading[1:])}</h2>\n"
        f"<p>{story.id} · {html.escape(word(language, 'received'))}: "
        f"{html.escape(story.received[:16].replace('T', ' '))} UTC</p>\n"
        f"{paragraphs(story.text)}{contact}"
        f'<form method="post" action="{target}">\n{hidden}'
        '<input type="hidden" name="action" value="accept">\n'
        f'<label for="{editor_id}">{html.escape(word(language, "editor"))}</label>\n'
        f'<select id="{editor_id}" name="editor" required>{options}</select>\n'
        f'<button type="submit">{html.escape(word(language, "accept"))}</button>\n</form>\n'
        f'<form method="post" action="{target}">\n{hidden}'
        '<input type="hidden" name="action" value="decline">\n'
        f'<label for="{reason_id}">{html.escape(word(language, "reason"))}</label>\n'
        f'<textarea id="{reason_id}" name="reason" rows="2" maxlength="{REASON_MAX}" required>'
        "</textarea>\n"
        f'<button type="submit">{html.escape(word(language, "decline"))}</button>\n</form>\n'
        "</li>\n"
    )
