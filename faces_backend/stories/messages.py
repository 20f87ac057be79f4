"""What proposers and editors read about stories, in German and English (FACES_LANGUAGE)."""

from __future__ import annotations

from faces_backend.http.settings import Language

_TEXTS: dict[Language, dict[str, str]] = {
    "de": {
        "page_title": "Geschichte vorschlagen",
        "received": (
            "Danke! Ihr Vorschlag ist bei der Redaktion angekommen. Die Redaktion meldet sich, "
            "wenn Sie eine Kontaktmöglichkeit angegeben haben."
        ),
        "check": "Bitte prüfen Sie Ihren Vorschlag",
        "confirm": "Vorschlag absenden",
        "edit_hint": "Zum Ändern gehen Sie im Browser zurück; Ihr Text bleibt im Formular.",
        "back": "Zurück zum Blog",
        "label.about": "Worum geht es",
        "label.text": "Die Geschichte",
        "label.person": "Um wen geht es",
        "label.department": "Bereich",
        "label.contact": "Kontakt",
        "label.proposer": "Vorgeschlagen von",
        "about.myself": "um mich selbst",
        "about.someone": "um jemand anderen",
        "too_large": "Die Anfrage ist zu groß. Bitte kürzen Sie Ihren Vorschlag.",
        "malformed": "Die Anfrage konnte nicht gelesen werden (kein gültiges UTF-8-Formular).",
        "origin_not_allowed": "Vorschläge sind nur über die Seiten des Blogs möglich.",
        "not_signed_in": "Bitte melden Sie sich an, um eine Geschichte vorzuschlagen.",
        "rate_limited": "Gerade kamen sehr viele Anfragen. Bitte warten Sie {seconds} Sekunden.",
        "replayed": "Dieser Vorschlag wurde schon gesendet. Er wird nicht doppelt gespeichert.",
        "unavailable": "Vorschläge sind gerade nicht möglich. Bitte versuchen Sie es später.",
        "field.about.missing": "Bitte wählen Sie, um wen es geht (Feld „Worum geht es“).",
        "field.about.invalid": (
            "Das Feld „Worum geht es“ kennt nur „um mich selbst“ und „um jemand anderen“."
        ),
        "field.text.missing": "Bitte beschreiben Sie die Geschichte (Feld „Die Geschichte“).",
        "field.text.too_long": (
            "Die Geschichte ist zu lang: höchstens {limit} Zeichen. Ein paar Sätze genügen, "
            "den Rest erzählen Sie der Redaktion im Gespräch."
        ),
        "field.department.missing": "Bitte nennen Sie den Bereich (Feld „Bereich“).",
        "field.department.too_long": "Der Bereich ist zu lang: höchstens {limit} Zeichen.",
        "field.person.too_long": (
            "Der Name im Feld „Um wen geht es“ ist zu lang: höchstens {limit} Zeichen."
        ),
        "field.proposer.too_long": (
            "Ihr Name ist zu lang (Feld „Vorgeschlagen von“): höchstens {limit} Zeichen."
        ),
        "field.contact.too_long": "Der Kontakt ist zu lang: höchstens {limit} Zeichen.",
        "field.contact.invalid": (
            "Der Kontakt ist weder eine E-Mail-Adresse noch eine Telefonnummer (Feld „Kontakt“). "
            "Er ist freiwillig: Lassen Sie das Feld leer oder geben Sie z. B. name@example.com "
            "oder +41 44 123 45 67 an."
        ),
        "field.stamp.missing": "Das Formular ist unvollständig. Bitte laden Sie die Seite neu.",
        "field.stamp.invalid": "Das Formular ist ungültig. Bitte laden Sie die Seite neu.",
        "field.stamp.too_fast": (
            "Das ging zu schnell. Bitte prüfen Sie Ihren Vorschlag und senden Sie ihn noch einmal."
        ),
        "field.stamp.expired": (
            "Das Formular ist abgelaufen. Bitte prüfen Sie Ihren Vorschlag und senden Sie ihn "
            "noch einmal."
        ),
        "field.any.repeated": "Das Feld „{field}“ kommt mehrfach vor.",
        "field.any.unknown_field": "Das Feld „{field}“ gehört nicht zum Vorschlagsformular.",
    },
    "en": {
        "page_title": "Propose a story",
        "received": (
            "Thank you! Your proposal has reached the editors. They will get back to you if "
            "you left a way to reach you."
        ),
        "check": "Please check your proposal",
        "confirm": "Send proposal",
        "edit_hint": "To change it, go back in your browser; your text stays in the form.",
        "back": "Back to the blog",
        "label.about": "Who is it about",
        "label.text": "The story",
        "label.person": "About whom",
        "label.department": "Department",
        "label.contact": "Contact",
        "label.proposer": "Proposed by",
        "about.myself": "about me",
        "about.someone": "about someone else",
        "too_large": "The request is too large. Please shorten your proposal.",
        "malformed": "The request could not be read (not a valid UTF-8 form).",
        "origin_not_allowed": "Stories can be proposed only from the pages of this blog.",
        "not_signed_in": "Please sign in to propose a story.",
        "rate_limited": "Very many requests just now. Please wait {seconds} seconds.",
        "replayed": "This proposal was already sent. It is not stored twice.",
        "unavailable": "Proposals are not possible right now. Please try again later.",
        "field.about.missing": "Please choose who the story is about (field 'Who is it about').",
        "field.about.invalid": "The field 'Who is it about' knows only 'about me' and "
        "'about someone else'.",
        "field.text.missing": "Please describe the story (field 'The story').",
        "field.text.too_long": (
            "The story is too long: at most {limit} characters. A few sentences are enough; "
            "tell the rest to the editors."
        ),
        "field.department.missing": "Please name the department (field 'Department').",
        "field.department.too_long": "The department is too long: at most {limit} characters.",
        "field.person.too_long": (
            "The name in 'About whom' is too long: at most {limit} characters."
        ),
        "field.proposer.too_long": (
            "Your name ('Proposed by') is too long: at most {limit} characters."
        ),
        "field.contact.too_long": "The contact is too long: at most {limit} characters.",
        "field.contact.invalid": (
            "The contact is neither an e-mail address nor a phone number (field 'Contact'). It "
            "is optional: leave it empty or give e.g. name@example.com or +41 44 123 45 67."
        ),
        "field.stamp.missing": "The form is incomplete. Please reload the page.",
        "field.stamp.invalid": "The form is not valid. Please reload the page.",
        "field.stamp.too_fast": "That was too fast. Please check your proposal and send it again.",
        "field.stamp.expired": (
            "The form has expired. Please check your proposal and send it again."
        ),
        "field.any.repeated": "The field '{field}' appears more than once.",
        "field.any.unknown_field": "The field '{field}' is not part of the story form.",
    },
}


def say(language: Language, key: str, **values: object) -> str:
    """Return one text in the language, with its placeholders filled."""
    return _TEXTS[language][key].format(**values)


def field_text(language: Language, field: str, error: str, limit: int | None = None) -> str:
    """Return the message for one field problem."""
    key = f"field.{field}.{error}"
    if key not in _TEXTS[language]:
        key = f"field.any.{error}"
    return say(language, key, field=field, limit=limit)
