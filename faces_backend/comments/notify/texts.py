"""The words of the notifications and of the opt-in pages, in German and English."""

from __future__ import annotations

from faces_common.voice import voiced

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "received_subject": "Neuer Kommentar zu «{title}»",
        "received_body": (
            "{name} hat den Beitrag «{title}» kommentiert:\n\n{text}\n\n"
            "Der Kommentar wartet auf Freigabe. Zur Moderation:\n{moderation_url}\n\n"
            "Zum Beitrag:\n{post_url}\n"
        ),
        "webhook_text": (
            "Neuer Kommentar von {name} zu «{title}» wartet auf Freigabe: {moderation_url}"
        ),
        "confirm_subject": "Bitte bestätigen: Benachrichtigung bei einer Antwort",
        "confirm_body": (
            "Guten Tag\n\n"
            "Jemand hat mit dieser Adresse einen Kommentar im Blog geschrieben und gebeten, "
            "benachrichtigt zu werden, wenn eine Autorin oder ein Autor darauf antwortet.\n\n"
            "Waren Sie das? Dann bestätigen Sie bitte hier:\n{confirm_url}\n\n"
            "Wenn nicht, tun Sie nichts: Ohne Bestätigung erhalten Sie keine weitere E-Mail, "
            "und die Adresse wird nach spätestens {retention} gelöscht. Sofort löschen:\n"
            "{stop_url}\n"
        ),
        "reply_subject": "{name} hat auf Ihren Kommentar geantwortet",
        "reply_body": (
            "Guten Tag\n\n{name} hat auf Ihren Kommentar zum Beitrag «{title}» geantwortet:\n\n"
            "{text}\n\nZum Beitrag:\n{post_url}\n\n"
            "Dies ist die einzige E-Mail zu diesem Kommentar; Ihre Adresse wird jetzt gelöscht.\n"
            "Keine E-Mails mehr und Adresse sofort löschen:\n{stop_url}\n"
        ),
        "page_title": "Benachrichtigung bei Antworten",
        "confirmed": (
            "Danke! Sie erhalten eine E-Mail, sobald eine Autorin oder ein Autor auf Ihren "
            "Kommentar antwortet, und danach keine weitere."
        ),
        "already": "Diese Adresse ist bereits bestätigt. Es ist nichts weiter zu tun.",
        "stopped": (
            "Erledigt: Ihre Adresse ist gelöscht. Sie erhalten keine E-Mails zu diesem "
            "Kommentar mehr."
        ),
        "unknown": (
            "Dieser Link ist ungültig oder nicht mehr gültig: Zu ihm ist keine Adresse "
            "gespeichert (schon abgemeldet, schon benachrichtigt oder nach der Aufbewahrungsfrist "
            "gelöscht). Es ist nichts weiter zu tun."
        ),
        "malformed": (
            "Dieser Link ist unvollständig. Bitte öffnen Sie den Link aus der E-Mail vollständig "
            "(manche Programme brechen lange Links um)."
        ),
        # After "nach spätestens": the dative ("nach 30 Tagen").
        "days_one": "{n} Tag",
        "days_other": "{n} Tagen",
    },
    # Only the texts that address the reader, for FACES_ADDRESS=du (faces_common.voice).
    "de@du": {
        "confirm_body": (
            "Hallo\n\n"
            "Jemand hat mit dieser Adresse einen Kommentar im Blog geschrieben und gebeten, "
            "benachrichtigt zu werden, wenn eine Autorin oder ein Autor darauf antwortet.\n\n"
            "Warst du das? Dann bestätige bitte hier:\n{confirm_url}\n\n"
            "Wenn nicht, tu nichts: Ohne Bestätigung erhältst du keine weitere E-Mail, "
            "und die Adresse wird nach spätestens {retention} gelöscht. Sofort löschen:\n"
            "{stop_url}\n"
        ),
        "reply_subject": "{name} hat auf deinen Kommentar geantwortet",
        "reply_body": (
            "Hallo\n\n{name} hat auf deinen Kommentar zum Beitrag «{title}» geantwortet:\n\n"
            "{text}\n\nZum Beitrag:\n{post_url}\n\n"
            "Dies ist die einzige E-Mail zu diesem Kommentar; deine Adresse wird jetzt gelöscht.\n"
            "Keine E-Mails mehr und Adresse sofort löschen:\n{stop_url}\n"
        ),
        "confirmed": (
            "Danke! Du erhältst eine E-Mail, sobald eine Autorin oder ein Autor auf deinen "
            "Kommentar antwortet, und danach keine weitere."
        ),
        "stopped": (
            "Erledigt: Deine Adresse ist gelöscht. Du erhältst keine E-Mails zu diesem "
            "Kommentar mehr."
        ),
        "malformed": (
            "Dieser Link ist unvollständig. Bitte öffne den Link aus der E-Mail vollständig "
            "(manche Programme brechen lange Links um)."
        ),
    },
    "en": {
        "received_subject": "New comment on “{title}”",
        "received_body": (
            "{name} commented on the post “{title}”:\n\n{text}\n\n"
            "The comment awaits approval. To moderate:\n{moderation_url}\n\n"
            "The post:\n{post_url}\n"
        ),
        "webhook_text": "New comment by {name} on “{title}” awaits approval: {moderation_url}",
        "confirm_subject": "Please confirm: a mail when someone replies",
        "confirm_body": (
            "Hello\n\n"
            "Someone wrote a comment on the blog with this address and asked to be told when an "
            "author replies to it.\n\n"
            "Was it you? Then please confirm here:\n{confirm_url}\n\n"
            "If not, do nothing: without confirmation you get no further mail, and the address "
            "is deleted after {retention} at the latest. Delete it now:\n{stop_url}\n"
        ),
        "reply_subject": "{name} replied to your comment",
        "reply_body": (
            "Hello\n\n{name} replied to your comment on the post “{title}”:\n\n"
            "{text}\n\nThe post:\n{post_url}\n\n"
            "This is the only mail about this comment; your address is deleted now.\n"
            "No more mail and delete the address at once:\n{stop_url}\n"
        ),
        "page_title": "Mail when someone replies",
        "confirmed": (
            "Thank you! You will get one mail when an author replies to your comment, "
            "and none after it."
        ),
        "already": "This address is already confirmed. There is nothing more to do.",
        "stopped": "Done: your address is deleted. You get no more mail about this comment.",
        "unknown": (
            "This link is not valid (any more): no address is stored for it (already "
            "unsubscribed, already told, or deleted after the retention period). There is "
            "nothing more to do."
        ),
        "malformed": (
            "This link is incomplete. Please open the whole link from the mail (some programs "
            "break long links)."
        ),
        "days_one": "{n} day",
        "days_other": "{n} days",
    },
}


def text(voice: str, key: str, **values: str | int) -> str:
    """Return the text `key` in a language or voice ("de@du"; German if unknown), filled in."""
    return voiced(TEXTS, voice if voice in TEXTS else "de")[key].format(**values)


def days(voice: str, count: int) -> str:
    """A number of days with its noun in the right number ("1 Tag", "30 Tagen", "30 days")."""
    return text(voice, "days_one" if count == 1 else "days_other", n=count)
