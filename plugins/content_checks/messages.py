"""Problem texts in plain words, German and English."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # key: (what is wrong, how to fix it)
    "de": {
        "no_header": (
            "Die Datei beginnt nicht mit Metadaten.",
            "Schreiben Sie oben z. B. 'Title: Mein Beitrag' und 'Date: 2026-03-14', "
            "dann eine Leerzeile, dann den Text.",
        ),
        "missing": (
            "Das Pflichtfeld '{field}' fehlt.",
            "Ergänzen Sie im Kopf der Datei eine Zeile '{field}: …', z. B. '{example}'.",
        ),
        "empty": (
            "Das Feld '{field}' ist leer.",
            "Tragen Sie einen Wert ein, z. B. '{example}', oder löschen Sie die Zeile.",
        ),
        "bad_date": (
            "'{value}' im Feld '{field}' ist kein gültiges Datum.",
            "Schreiben Sie das Datum als JJJJ-MM-TT oder JJJJ-MM-TT HH:MM, "
            "z. B. '2026-03-14 09:30'.",
        ),
        "unknown_field": (
            "Das Feld '{field}' ist unbekannt.",
            "Meinten Sie '{suggestion}'? Bekannte Felder: {known}.",
        ),
        "unknown_field_no_guess": (
            "Das Feld '{field}' ist unbekannt.",
            "Bekannte Felder: {known}. Prüfen Sie die Schreibweise oder löschen Sie die Zeile.",
        ),
        "bad_value": (
            "'{value}' ist im Feld '{field}' nicht erlaubt.",
            "Erlaubt sind: {allowed}.",
        ),
        "stray_line": (
            "Diese Zeile im Kopf hat nicht die Form 'Feld: Wert'.",
            "Ergänzen Sie den Doppelpunkt nach dem Feldnamen oder setzen Sie eine Leerzeile "
            "vor den Text. Sonst erscheint der Rest des Kopfs als Text im Beitrag.",
        ),
        "duplicate_field": (
            "Das Feld '{field}' steht mehrmals im Kopf (zuerst in Zeile {first}).",
            "Behalten Sie nur eine Zeile '{field}: …'.",
        ),
        "skipped": (
            "Der Beitrag wird nicht gebaut, bis die Fehler oben behoben sind.",
            "",
        ),
    },
    "en": {
        "no_header": (
            "The file does not start with metadata.",
            "Start it with lines such as 'Title: My post' and 'Date: 2026-03-14', "
            "then a blank line, then the text.",
        ),
        "missing": (
            "The required field '{field}' is missing.",
            "Add a line '{field}: …' to the header, e.g. '{example}'.",
        ),
        "empty": (
            "The field '{field}' is empty.",
            "Give it a value, e.g. '{example}', or delete the line.",
        ),
        "bad_date": (
            "'{value}' in the field '{field}' is not a valid date.",
            "Write the date as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. '2026-03-14 09:30'.",
        ),
        "unknown_field": (
            "The field '{field}' is unknown.",
            "Did you mean '{suggestion}'? Known fields: {known}.",
        ),
        "unknown_field_no_guess": (
            "The field '{field}' is unknown.",
            "Known fields: {known}. Check the spelling or delete the line.",
        ),
        "bad_value": (
            "'{value}' is not allowed in the field '{field}'.",
            "Allowed values: {allowed}.",
        ),
        "stray_line": (
            "This header line is not of the form 'Field: value'.",
            "Add the colon after the field name, or put a blank line before the text. "
            "Otherwise the rest of the header shows up as text in the post.",
        ),
        "duplicate_field": (
            "The field '{field}' appears more than once (first on line {first}).",
            "Keep only one line '{field}: …'.",
        ),
        "skipped": (
            "The post is not built until the errors above are fixed.",
            "",
        ),
    },
}


def text(lang: str, key: str, **values: object) -> tuple[str, str]:
    """Return (message, fix) in the language, falling back to English."""
    message, fix = MESSAGES.get(lang, MESSAGES["en"])[key]
    return message.format(**values), fix.format(**values)
