"""The German texts readers see, one per status word and field problem."""

from __future__ import annotations

from faces_backend.forms import FieldProblem

STATUS_MESSAGES: dict[str, str] = {
    "counted": "Danke! Ihre Stimme wurde gezählt.",
    "suggestion_queued": (
        "Danke für Ihren Vorschlag! Er erscheint, sobald die Redaktion ihn freigegeben hat."
    ),
    "malformed": "Die Anfrage konnte nicht gelesen werden. Bitte laden Sie die Seite neu.",
    "origin_not_allowed": (
        "Abstimmen ist nur über die Seiten des Blogs möglich. Bitte öffnen Sie den Beitrag "
        "im Blog und stimmen Sie dort ab."
    ),
    "not_signed_in": "Bitte melden Sie sich an, um abzustimmen.",
    "unknown_poll": "Diese Umfrage gibt es nicht (mehr).",
    "already_voted": "Sie haben bei dieser Umfrage bereits abgestimmt.",
    "closed": "Diese Umfrage ist beendet. Es werden keine Stimmen mehr angenommen.",
    "too_large": "Die Anfrage ist zu groß.",
    "invalid": "Die Angaben im Formular sind ungültig.",
    "unavailable": (
        "Die Abstimmung ist gerade nicht möglich. Bitte versuchen Sie es später noch einmal."
    ),
    "rate_limited": (
        "Zu viele Versuche in kurzer Zeit. Bitte versuchen Sie es in {seconds} Sekunden "
        "noch einmal."
    ),
}

COUNTED_WITH_SUGGESTION = (
    "Danke! Ihre Stimme wurde gezählt. Ihr Vorschlag erscheint, sobald die Redaktion "
    "ihn freigegeben hat."
)
MISSING_POLL = "Die Anfrage nennt keine Umfrage. Bitte laden Sie die Seite neu."

_FIELD_MESSAGES: dict[tuple[str, str], str] = {
    ("choice", "unknown_option"): "Bitte wählen Sie eine der angebotenen Ideen.",
    ("choice", "duplicate"): "Jede Idee kann nur einmal gewählt werden.",
    ("choice", "missing"): "Bitte wählen Sie eine Idee aus.",
    ("suggestion", "too_long"): "Ihr Vorschlag ist zu lang (höchstens {limit} Zeichen).",
    ("suggestion", "not_accepted"): (
        "Bei dieser Umfrage können keine eigenen Ideen vorgeschlagen werden."
    ),
    ("_sid", "invalid"): (
        "Das Feld „_sid“ muss aus 8 bis 64 Zeichen A–Z, a–z, 0–9, _ oder - bestehen."
    ),
}

_ERROR_MESSAGES: dict[str, str] = {
    "unknown_field": "Das Formular enthält das unbekannte Feld „{field}“.",
    "repeated": "Das Feld „{field}“ darf nur einmal vorkommen.",
    "too_long": "Das Feld „{field}“ ist zu lang (höchstens {limit} Zeichen).",
}


def field_message(problem: FieldProblem, *, suggestions: bool = False) -> str:
    """Return the German explanation of a field problem (`suggestions`: the poll takes ideas)."""
    if problem == FieldProblem("choice", "missing") and suggestions:
        return "Bitte wählen Sie eine Idee aus oder schlagen Sie eine eigene vor."
    if problem.field == "choice" and problem.error == "too_many":
        if problem.limit == 1:
            return "Bitte wählen Sie nur eine Idee."
        return f"Bitte wählen Sie höchstens {problem.limit} Ideen."
    template = _FIELD_MESSAGES.get((problem.field, problem.error)) or _ERROR_MESSAGES.get(
        problem.error, STATUS_MESSAGES["invalid"]
    )
    return template.format(field=problem.field, limit=problem.limit)
