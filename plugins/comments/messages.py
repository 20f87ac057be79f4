"""What the comments plugin says, German and English: interface words and problem reports."""

from __future__ import annotations

from typing import Any

from faces_common.voice import DEFAULT_ADDRESS, pick_words

WORDS: dict[str, dict[str, str]] = {
    "de": {
        "heading": "Kommentare",
        "anonymous": "anonym",
        "write": "Schreiben Sie einen Kommentar",
        "reply_to": "Antwort an {name}",
        "answer": "Antworten",
        "name": "Name",
        "name_optional": "Name (optional, sonst erscheint „anonym“)",
        "email": "E-Mail (optional)",
        "email_help": "Wir veröffentlichen Ihre Adresse nie und geben sie niemandem weiter.",
        "text": "Kommentar",
        "text_help": "Leerzeilen trennen Absätze, Links werden anklickbar, *Sternchen* betonen.",
        "notify_one": "Mich benachrichtigen, wenn die Autorin oder der Autor antwortet",
        "notify_many": "Mich benachrichtigen, wenn jemand aus dem Autorenteam antwortet",
        "notify_help": "Sie erhalten zuerst eine E-Mail zur Bestätigung.",
        "trap": "Dieses Feld bitte leer lassen",
        "send": "Kommentar senden",
        "send_reply": "Antwort senden",
        "moderated": "Kommentare erscheinen, nachdem die Redaktion sie freigegeben hat.",
        "closed": "Kommentare sind geschlossen",
        "waiting": "Ihr Kommentar wartet auf Freigabe",
        "withdraw": "Kommentar zurückziehen (dieser Link wird nur einmal gezeigt)",
        "failed": "Ihr Kommentar konnte nicht gesendet werden. Bitte versuchen Sie es später.",
        "report": "Melden",
        "report_reason": "Grund",
        "report_send": "Meldung senden",
        "reason_spam": "Werbung oder Spam",
        "reason_off_topic": "Hat nichts mit dem Beitrag zu tun",
        "reason_insulting": "Beleidigend",
        "reason_personal_data": "Enthält persönliche Daten",
        "reason_other": "Anderer Grund",
        "post_author": "Verfasst den Beitrag",
        "replies_label": "Antworten auf den Kommentar von {name}",
    },
    # Only the texts that address the reader, for I18N_ADDRESS = "du" (faces_common.voice).
    "de@du": {
        "write": "Schreib einen Kommentar",
        "email_help": "Wir veröffentlichen deine Adresse nie und geben sie niemandem weiter.",
        "notify_help": "Du erhältst zuerst eine E-Mail zur Bestätigung.",
        "waiting": "Dein Kommentar wartet auf Freigabe",
        "failed": "Dein Kommentar konnte nicht gesendet werden. Bitte versuch es später.",
    },
    "en": {
        "heading": "Comments",
        "anonymous": "anonymous",
        "write": "Write a comment",
        "reply_to": "Reply to {name}",
        "answer": "Reply",
        "name": "Name",
        "name_optional": "Name (optional, otherwise “anonymous” appears)",
        "email": "E-mail (optional)",
        "email_help": "We never publish your address and never pass it on to anyone.",
        "text": "Comment",
        "text_help": (
            "Blank lines separate paragraphs, links become clickable, *asterisks* emphasise."
        ),
        "notify_one": "Notify me when the author replies",
        "notify_many": "Notify me when one of the authors replies",
        "notify_help": "You first receive an e-mail to confirm.",
        "trap": "Please leave this field empty",
        "send": "Send comment",
        "send_reply": "Send reply",
        "moderated": "Comments appear once the editors have approved them.",
        "closed": "Comments are closed",
        "waiting": "Your comment is waiting for approval",
        "withdraw": "Withdraw your comment (this link is shown only once)",
        "failed": "Your comment could not be sent. Please try again later.",
        "report": "Report",
        "report_reason": "Reason",
        "report_send": "Send report",
        "reason_spam": "Advertising or spam",
        "reason_off_topic": "Has nothing to do with the post",
        "reason_insulting": "Insulting",
        "reason_personal_data": "Contains personal data",
        "reason_other": "Another reason",
        "post_author": "Wrote this post",
        "replies_label": "Replies to the comment by {name}",
    },
}

REPORT_REASONS = ("spam", "off_topic", "insulting", "personal_data", "other")

PROBLEMS: dict[str, dict[str, tuple[str, str]]] = {
    # key: (what is wrong, how to fix it)
    "de": {
        "bad_id": (
            "'{value}' ist als Id nicht erlaubt.",
            "Verwenden Sie 3 bis 64 Zeichen aus a–z, A–Z, 0–9 und '-', z. B. 'ideen-kantine-2026'.",
        ),
        "duplicate_id": (
            "Die Id '{value}' hat schon {other}.",
            "Jeder Beitrag braucht eine eigene Id; ändern Sie sie hier, z. B. in '{value}-2'. "
            "Bis dahin hat dieser Beitrag keine Kommentare.",
        ),
        "unreadable": (
            "Die Kommentar-Datei ist kein gültiges JSON: {reason}.",
            "Holen Sie die Datei neu mit `invoke comments pull` oder stellen Sie die letzte "
            "Fassung aus der Versionsverwaltung wieder her.",
        ),
        "bad_shape": (
            "Die Kommentar-Datei hat nicht die erwartete Form: {reason}.",
            'Erwartet wird {{"version": 1, "thread": "…", "comments": […]}}; '
            "holen Sie die Datei neu mit `invoke comments pull`.",
        ),
        "wrong_name": (
            "Die Datei gehört laut 'thread' zu '{thread}', heisst aber nicht '{expected}'.",
            "Benennen Sie die Datei in '{expected}' um oder korrigieren Sie 'thread'.",
        ),
        "bad_comment": (
            "Kommentar {index} ist unvollständig: {reason}.",
            "Korrigieren Sie das Feld oder holen Sie die Datei neu mit `invoke comments pull`. "
            "Bis dahin erscheint dieser Kommentar nicht.",
        ),
        "unknown_profile": (
            "Kommentar {index} nennt das Profil '{profile}', das es nicht gibt.",
            "Tragen Sie das Kürzel eines Profils aus content/authors ein oder null; "
            "bis dahin erscheint der Kommentar ohne Profil.",
        ),
    },
    "en": {
        "bad_id": (
            "'{value}' is not allowed as an Id.",
            "Use 3 to 64 characters from a-z, A-Z, 0-9 and '-', e.g. 'canteen-ideas-2026'.",
        ),
        "duplicate_id": (
            "The Id '{value}' is already used by {other}.",
            "Every post needs its own Id; change it here, e.g. to '{value}-2'. "
            "Until then this post has no comments.",
        ),
        "unreadable": (
            "The comments file is not valid JSON: {reason}.",
            "Fetch it again with `invoke comments pull` or restore the last version from "
            "version control.",
        ),
        "bad_shape": (
            "The comments file does not have the expected shape: {reason}.",
            'Expected {{"version": 1, "thread": "…", "comments": […]}}; '
            "fetch it again with `invoke comments pull`.",
        ),
        "wrong_name": (
            "By its 'thread' the file belongs to '{thread}', but it is not named '{expected}'.",
            "Rename the file to '{expected}' or correct 'thread'.",
        ),
        "bad_comment": (
            "Comment {index} is incomplete: {reason}.",
            "Correct the field or fetch the file again with `invoke comments pull`. "
            "Until then this comment does not appear.",
        ),
        "unknown_profile": (
            "Comment {index} names the profile '{profile}', which does not exist.",
            "Write the handle of a profile in content/authors or null; until then the "
            "comment appears without a profile.",
        ),
    },
}


def words(lang: str, address: str = DEFAULT_ADDRESS, locale: str = "") -> dict[str, str]:
    """The interface words for a language (German for anything but English) and address."""
    return pick_words(WORDS, "en" if lang == "en" else "de", address, locale)


def problem(lang: str, key: str, **values: Any) -> tuple[str, str]:
    """A problem's message and fix in the report language."""
    message, fix = PROBLEMS["en" if lang == "en" else "de"][key]
    return message.format(**values), fix.format(**values)
