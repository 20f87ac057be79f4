"""Problem texts for the metadata this plugin reads, German and English."""

from __future__ import annotations

from functools import partial

from faces_common.messages import catalog_text

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # key: (what is wrong, how to fix it)
    "de": {
        "correction_format": (
            "Der Eintrag '{value}' im Feld 'Correction' hat nicht die Form 'Datum | Art | Text'.",
            "Schreiben Sie z. B. 'Correction: 2026-03-14 | correction | Richtig ist 21, "
            "nicht 120.' (Arten: {types}).",
        ),
        "correction_date": (
            "'{value}' im Feld 'Correction' ist kein gültiges Datum.",
            "Schreiben Sie das Datum der Korrektur als JJJJ-MM-TT, z. B. '2026-03-14'.",
        ),
        "correction_type": (
            "Die Art '{value}' im Feld 'Correction' ist unbekannt.",
            "Erlaubt sind: {types}.",
        ),
        "correction_text": (
            "Der Eintrag im Feld 'Correction' sagt nicht, was korrigiert wurde.",
            "Schreiben Sie nach der Art einen Text, z. B. '… | correction | Richtig ist 21.'",
        ),
        "submitted_date": (
            "'{value}' im Feld 'Submitted' ist kein gültiges Datum.",
            "Schreiben Sie das Datum der Einreichung als JJJJ-MM-TT, z. B. '2026-03-07'.",
        ),
        "submitted_late": (
            "Eingereicht am {submitted}, aber veröffentlicht am {published}: die Einreichung "
            "liegt nach der Veröffentlichung.",
            "Prüfen Sie 'Submitted:' und 'Date:'; eingereicht wird vor der Veröffentlichung.",
        ),
    },
    "en": {
        "correction_format": (
            "The entry '{value}' in the field 'Correction' is not of the form "
            "'date | type | text'.",
            "Write e.g. 'Correction: 2026-03-14 | correction | It is 21, not 120.' "
            "(types: {types}).",
        ),
        "correction_date": (
            "'{value}' in the field 'Correction' is not a valid date.",
            "Write the date of the correction as YYYY-MM-DD, e.g. '2026-03-14'.",
        ),
        "correction_type": (
            "The type '{value}' in the field 'Correction' is unknown.",
            "Allowed types: {types}.",
        ),
        "correction_text": (
            "The entry in the field 'Correction' does not say what was corrected.",
            "Write a text after the type, e.g. '… | correction | It is 21.'",
        ),
        "submitted_date": (
            "'{value}' in the field 'Submitted' is not a valid date.",
            "Write the submission date as YYYY-MM-DD, e.g. '2026-03-07'.",
        ),
        "submitted_late": (
            "Submitted on {submitted} but published on {published}: the submission comes "
            "after the publication.",
            "Check 'Submitted:' and 'Date:'; a post is submitted before it is published.",
        ),
    },
}


# (message, fix) of this catalog in a language, falling back to English.
text = partial(catalog_text, MESSAGES)
