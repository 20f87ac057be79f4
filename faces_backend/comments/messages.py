"""What readers and moderators read about comments, in German and English (FACES_LANGUAGE)."""

from __future__ import annotations

from faces_common.voice import voiced

from faces_backend.http.setting_values import Voice, lang_of

_TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "pending": "Danke! Ihr Kommentar wartet auf Freigabe durch die Redaktion.",
        "preview": "Vorschau: so erscheint Ihr Kommentar nach der Freigabe",
        "confirm": "Kommentar absenden",
        "edit_hint": "Zum Ändern gehen Sie zurück zum Beitrag; Ihr Text bleibt im Formular.",
        "back": "Zurück zum Beitrag",
        "withdraw_hint": (
            "Mit diesem privaten Link können Sie Ihren Kommentar jederzeit zurückziehen. "
            "Er wird nur jetzt angezeigt: Bitte speichern Sie ihn."
        ),
        "withdraw_link": "Kommentar zurückziehen",
        "withdraw_ask": "Möchten Sie diesen Kommentar endgültig zurückziehen?",
        "withdraw_button": "Ja, zurückziehen",
        "withdrawn": "Ihr Kommentar wurde gelöscht.",
        "page_title": "Kommentar",
        "too_large": "Die Anfrage ist zu groß. Bitte kürzen Sie Ihren Kommentar.",
        "malformed": "Die Anfrage konnte nicht gelesen werden (kein gültiges UTF-8-Formular).",
        "origin_not_allowed": "Kommentieren ist nur über die Seiten des Blogs möglich.",
        "not_signed_in": "Bitte melden Sie sich an, um zu kommentieren.",
        "rate_limited": "Gerade kamen sehr viele Anfragen. Bitte warten Sie {seconds}.",
        "unknown_thread": "Diesen Beitrag gibt es nicht (mehr), oder er nimmt keine Kommentare.",
        "closed": "Dieser Beitrag nimmt keine Kommentare mehr an.",
        "unknown_comment": "Diesen Kommentar gibt es nicht (mehr).",
        "wrong_token": (
            "Dieser Link zum Zurückziehen stimmt nicht. Nichts wurde gelöscht. Bitte "
            "verwenden Sie genau den Link, der nach dem Absenden angezeigt wurde."
        ),
        "reported": "Danke für den Hinweis. Die Redaktion sieht sich den Kommentar an.",
        "replayed": "Dieser Kommentar wurde schon gesendet. Er wird nicht doppelt gespeichert.",
        "unavailable": "Kommentieren ist gerade nicht möglich. Bitte später noch einmal.",
        "field.thread.missing": "Das Formular nennt keinen Beitrag (Feld „thread“).",
        "field.name.missing": "Bitte geben Sie einen Namen an (Feld „Name“).",
        "field.name.too_long": "Der Name ist zu lang: höchstens {limit} Zeichen.",
        "field.text.missing": "Bitte schreiben Sie einen Kommentar (Feld „Kommentar“).",
        "field.text.too_long": (
            "Der Kommentar ist zu lang: höchstens {limit} Zeichen. Bitte kürzen Sie ihn."
        ),
        "field.text.too_many_links": (
            "Der Kommentar enthält zu viele Links: höchstens {limit}. Bitte entfernen Sie welche."
        ),
        "field.email.invalid": (
            "Die E-Mail-Adresse ist ungültig (Feld „E-Mail“). Sie ist freiwillig: Lassen Sie "
            "das Feld leer oder geben Sie eine Adresse wie name@example.com an."
        ),
        "field.parent.invalid": (
            "Der Kommentar, auf den Sie antworten, gibt es in diesem Beitrag nicht "
            "(Antworten gehen nur auf Kommentare der ersten Ebene)."
        ),
        "field.reason.invalid": "Bitte wählen Sie einen Grund für die Meldung.",
        "field.stamp.missing": "Das Formular ist unvollständig. Bitte laden Sie die Seite neu.",
        "field.stamp.invalid": "Das Formular ist ungültig. Bitte laden Sie die Seite neu.",
        "field.stamp.too_fast": (
            "Das ging zu schnell. Bitte prüfen Sie Ihren Kommentar und senden Sie ihn noch einmal."
        ),
        "field.stamp.expired": (
            "Das Formular ist abgelaufen. Bitte prüfen Sie Ihren Kommentar und senden Sie ihn "
            "noch einmal."
        ),
        "field.pow.invalid": "Die Sicherheitsprüfung ist fehlgeschlagen. Bitte Seite neu laden.",
        "field.any.repeated": "Das Feld „{field}“ kommt mehrfach vor.",
        "field.any.unknown_field": "Das Feld „{field}“ gehört nicht zum Kommentarformular.",
        "second_one": "eine Sekunde",
        "second_other": "{n} Sekunden",
    },
    # Only the texts that address the reader, for FACES_ADDRESS=du (faces_common.voice).
    "de@du": {
        "pending": "Danke! Dein Kommentar wartet auf Freigabe durch die Redaktion.",
        "preview": "Vorschau: so erscheint dein Kommentar nach der Freigabe",
        "edit_hint": "Zum Ändern geh zurück zum Beitrag; dein Text bleibt im Formular.",
        "withdraw_hint": (
            "Mit diesem privaten Link kannst du deinen Kommentar jederzeit zurückziehen. "
            "Er wird nur jetzt angezeigt: Bitte speichere ihn."
        ),
        "withdraw_ask": "Möchtest du diesen Kommentar endgültig zurückziehen?",
        "withdrawn": "Dein Kommentar wurde gelöscht.",
        "too_large": "Die Anfrage ist zu groß. Bitte kürze deinen Kommentar.",
        "not_signed_in": "Bitte melde dich an, um zu kommentieren.",
        "rate_limited": "Gerade kamen sehr viele Anfragen. Bitte warte {seconds}.",
        "wrong_token": (
            "Dieser Link zum Zurückziehen stimmt nicht. Nichts wurde gelöscht. Bitte "
            "verwende genau den Link, der nach dem Absenden angezeigt wurde."
        ),
        "field.name.missing": "Bitte gib einen Namen an (Feld „Name“).",
        "field.text.missing": "Bitte schreib einen Kommentar (Feld „Kommentar“).",
        "field.text.too_long": (
            "Der Kommentar ist zu lang: höchstens {limit} Zeichen. Bitte kürze ihn."
        ),
        "field.text.too_many_links": (
            "Der Kommentar enthält zu viele Links: höchstens {limit}. Bitte entferne welche."
        ),
        "field.email.invalid": (
            "Die E-Mail-Adresse ist ungültig (Feld „E-Mail“). Sie ist freiwillig: Lass "
            "das Feld leer oder gib eine Adresse wie name@example.com an."
        ),
        "field.parent.invalid": (
            "Den Kommentar, auf den du antwortest, gibt es in diesem Beitrag nicht "
            "(Antworten gehen nur auf Kommentare der ersten Ebene)."
        ),
        "field.reason.invalid": "Bitte wähle einen Grund für die Meldung.",
        "field.stamp.missing": "Das Formular ist unvollständig. Bitte lade die Seite neu.",
        "field.stamp.invalid": "Das Formular ist ungültig. Bitte lade die Seite neu.",
        "field.stamp.too_fast": (
            "Das ging zu schnell. Bitte prüfe deinen Kommentar und sende ihn noch einmal."
        ),
        "field.stamp.expired": (
            "Das Formular ist abgelaufen. Bitte prüfe deinen Kommentar und sende ihn noch einmal."
        ),
    },
    "en": {
        "pending": "Thank you! Your comment is waiting for the editors' approval.",
        "preview": "Preview: this is how your comment appears once approved",
        "confirm": "Send comment",
        "edit_hint": "To change it, go back to the post; your text stays in the form.",
        "back": "Back to the post",
        "withdraw_hint": (
            "With this private link you can withdraw your comment at any time. It is shown "
            "only now: please keep it."
        ),
        "withdraw_link": "Withdraw comment",
        "withdraw_ask": "Do you want to withdraw this comment for good?",
        "withdraw_button": "Yes, withdraw",
        "withdrawn": "Your comment has been deleted.",
        "page_title": "Comment",
        "too_large": "The request is too large. Please shorten your comment.",
        "malformed": "The request could not be read (not a valid UTF-8 form).",
        "origin_not_allowed": "Comments can be sent only from the pages of this blog.",
        "not_signed_in": "Please sign in to comment.",
        "rate_limited": "Very many requests just now. Please wait {seconds}.",
        "unknown_thread": "This post does not exist (any more) or takes no comments.",
        "closed": "This post no longer takes comments.",
        "unknown_comment": "This comment does not exist (any more).",
        "wrong_token": (
            "This withdraw link is not right. Nothing was deleted. Please use exactly the "
            "link shown after sending."
        ),
        "reported": "Thank you. The editors will look at this comment.",
        "replayed": "This comment was already sent. It is not stored twice.",
        "unavailable": "Comments are not possible right now. Please try again later.",
        "field.thread.missing": "The form names no post (field 'thread').",
        "field.name.missing": "Please give a name (field 'Name').",
        "field.name.too_long": "The name is too long: at most {limit} characters.",
        "field.text.missing": "Please write a comment (field 'Comment').",
        "field.text.too_long": "The comment is too long: at most {limit} characters.",
        "field.text.too_many_links": "The comment has too many links: at most {limit}.",
        "field.email.invalid": (
            "The e-mail address is not valid (field 'E-mail'). It is optional: leave it empty "
            "or give an address like name@example.com."
        ),
        "field.parent.invalid": (
            "The comment you reply to is not in this post (replies go to top-level comments)."
        ),
        "field.reason.invalid": "Please choose a reason for the report.",
        "field.stamp.missing": "The form is incomplete. Please reload the page.",
        "field.stamp.invalid": "The form is not valid. Please reload the page.",
        "field.stamp.too_fast": "That was too fast. Please check your comment and send it again.",
        "field.stamp.expired": "The form has expired. Please check your comment and send it again.",
        "field.pow.invalid": "The security check failed. Please reload the page.",
        "field.any.repeated": "The field '{field}' appears more than once.",
        "field.any.unknown_field": "The field '{field}' is not part of the comment form.",
        "second_one": "one second",
        "second_other": "{n} seconds",
    },
}


def say(voice: Voice, key: str, **values: object) -> str:
    """Return one text in the language and form of address, with its placeholders filled."""
    return voiced(_TEXTS, voice)[key].format(**values)


def field_text(voice: Voice, field: str, error: str, limit: int | None = None) -> str:
    """Return the message for one field problem."""
    key = f"field.{field}.{error}"
    if key not in _TEXTS[lang_of(voice)]:
        key = f"field.any.{error}"
    return say(voice, key, field=field, limit=limit)


def seconds(voice: Voice, count: int) -> str:
    """A wait in seconds with its noun in the right number ("eine Sekunde", "30 Sekunden")."""
    return say(voice, "second_one" if count == 1 else "second_other", n=count)
