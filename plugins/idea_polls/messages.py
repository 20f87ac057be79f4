"""Problem texts for poll blocks in plain words, German and English."""

from __future__ import annotations

from faces_common.messages import catalog_text

from .yaml_words import plain_yaml_problem

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # key: (what is wrong, how to fix it)
    "de": {
        "unclosed": (
            "Der Umfrage-Block, der hier beginnt, wird nicht geschlossen.",
            "Beenden Sie ihn mit einer Zeile, die nur '{fence}' enthält.",
        ),
        "yaml": (
            "Der Umfrage-Block ist kein gültiges YAML: {detail}.",
            "Prüfen Sie Einrückung und Doppelpunkte. Texte mit ':' oder '#' "
            "setzen Sie in Anführungszeichen.",
        ),
        "too_deep": (
            "Der Umfrage-Block ist zu tief verschachtelt, um ihn zu lesen.",
            "Eine Umfrage hat drei Ebenen: Felder, Optionen und deren Felder. "
            "Prüfen Sie, ob jede Klammer [ oder {{ wieder geschlossen wird.",
        ),
        "not_mapping": (
            "Der Umfrage-Block muss aus Zeilen 'Schlüssel: Wert' bestehen.",
            "Beginnen Sie mit 'id: kantine-2027' und 'question: Welche Idee zuerst?'.",
        ),
        "missing_key": (
            "Im Umfrage-Block fehlt '{key}'.",
            "Ergänzen Sie eine Zeile wie '{example}'.",
        ),
        "unknown_key": (
            "'{key}' ist hier unbekannt.",
            "Meinten Sie '{suggestion}'? Erlaubt sind: {known}.",
        ),
        "unknown_key_no_guess": (
            "'{key}' ist hier unbekannt.",
            "Erlaubt sind: {known}. Prüfen Sie die Schreibweise oder löschen Sie die Zeile.",
        ),
        "duplicate_key": (
            "'{key}' steht zweimal (zuerst in Zeile {first}).",
            "Behalten Sie nur eine Zeile '{key}: …'.",
        ),
        "bad_id": (
            "'{value}' ist als ID nicht erlaubt.",
            "Verwenden Sie 1 bis 64 Zeichen aus a–z, A–Z, 0–9, '-' und '_', z. B. 'kantine-2027'.",
        ),
        "duplicate_poll": (
            "Die Umfrage-ID '{id}' gibt es schon in {other}.",
            "Jede Umfrage braucht eine eigene ID, z. B. '{id}-2'.",
        ),
        "no_options": (
            "Die Umfrage hat keine Optionen.",
            "Geben Sie unter 'options:' mindestens eine Idee an, je mit '- id: …' und 'label: …'.",
        ),
        "option_not_mapping": (
            "Eine Option muss 'id' und 'label' haben.",
            "Schreiben Sie z. B. '- id: salatbar' und darunter eingerückt 'label: Eine Salatbar'.",
        ),
        "duplicate_option": (
            "Die Options-ID '{id}' kommt mehrmals vor (zuerst in Zeile {first}).",
            "Geben Sie jeder Option eine eigene ID.",
        ),
        "not_text": (
            "'{key}' muss ein Text sein.",
            "Schreiben Sie den Text direkt hinter '{key}:' auf dieselbe Zeile.",
        ),
        "not_bool": (
            "'{value}' ist für '{key}' kein Ja-/Nein-Wert.",
            "Schreiben Sie 'true' oder 'false'.",
        ),
        "not_int": (
            "'{value}' ist für 'max' keine ganze Zahl.",
            "Schreiben Sie die Zahl der Stimmen pro Person, z. B. 'max: 2'.",
        ),
        "max_too_small": (
            "'max' ist {max}; mindestens 1 Stimme muss möglich sein.",
            "Schreiben Sie z. B. 'max: 2' oder löschen Sie die Zeile.",
        ),
        "max_too_large": (
            "'max' ist {max}, die Umfrage hat aber nur {count} Optionen.",
            "Wählen Sie für 'max' höchstens {count}.",
        ),
        "max_single": (
            "'max: {max}' passt nicht zur Einfachauswahl.",
            "Schreiben Sie 'multiple: true' oder löschen Sie die Zeile 'max'.",
        ),
        "bad_date": (
            "'{value}' in 'closes' ist kein gültiges Datum.",
            "Schreiben Sie JJJJ-MM-TT oder JJJJ-MM-TT HH:MM, z. B. 'closes: 2027-01-31'.",
        ),
        "bad_choice": (
            "'{value}' ist für '{key}' nicht erlaubt.",
            "Erlaubt sind: {allowed}.",
        ),
        "after_close_without_date": (
            "'results: after_close' zeigt die Ergebnisse erst nach dem Ende, aber 'closes' fehlt.",
            "Ergänzen Sie 'closes: JJJJ-MM-TT' oder wählen Sie 'results: live' oder 'after_vote'.",
        ),
        "not_mapping_decision": (
            "'decision' muss 'status' und 'response' enthalten.",
            "Schreiben Sie eingerückt darunter 'status: planned' und 'response: …'.",
        ),
    },
    "en": {
        "unclosed": (
            "The poll block that starts here is never closed.",
            "End it with a line that holds only '{fence}'.",
        ),
        "yaml": (
            "The poll block is not valid YAML: {detail}.",
            "Check indentation and colons. Put texts containing ':' or '#' in quotes.",
        ),
        "too_deep": (
            "The poll block is nested too deeply to be read.",
            "A poll has three levels: fields, options and their fields. "
            "Check that every bracket [ or {{ is closed again.",
        ),
        "not_mapping": (
            "The poll block must consist of 'key: value' lines.",
            "Start with 'id: canteen-2027' and 'question: Which idea first?'.",
        ),
        "missing_key": (
            "The poll block lacks '{key}'.",
            "Add a line such as '{example}'.",
        ),
        "unknown_key": (
            "'{key}' is unknown here.",
            "Did you mean '{suggestion}'? Allowed: {known}.",
        ),
        "unknown_key_no_guess": (
            "'{key}' is unknown here.",
            "Allowed: {known}. Check the spelling or delete the line.",
        ),
        "duplicate_key": (
            "'{key}' appears twice (first on line {first}).",
            "Keep only one line '{key}: …'.",
        ),
        "bad_id": (
            "'{value}' is not allowed as an id.",
            "Use 1 to 64 characters of a–z, A–Z, 0–9, '-' and '_', e.g. 'canteen-2027'.",
        ),
        "duplicate_poll": (
            "The poll id '{id}' is already used in {other}.",
            "Every poll needs its own id, e.g. '{id}-2'.",
        ),
        "no_options": (
            "The poll has no options.",
            "List at least one idea under 'options:', each with '- id: …' and 'label: …'.",
        ),
        "option_not_mapping": (
            "An option needs an 'id' and a 'label'.",
            "Write e.g. '- id: salad-bar' and below it, indented, 'label: A salad bar'.",
        ),
        "duplicate_option": (
            "The option id '{id}' appears more than once (first on line {first}).",
            "Give every option its own id.",
        ),
        "not_text": (
            "'{key}' must be a text.",
            "Write the text right after '{key}:' on the same line.",
        ),
        "not_bool": (
            "'{value}' is not a yes/no value for '{key}'.",
            "Write 'true' or 'false'.",
        ),
        "not_int": (
            "'{value}' is not a whole number for 'max'.",
            "Write how many votes each reader has, e.g. 'max: 2'.",
        ),
        "max_too_small": (
            "'max' is {max}; at least 1 vote must be possible.",
            "Write e.g. 'max: 2' or delete the line.",
        ),
        "max_too_large": (
            "'max' is {max}, but the poll has only {count} options.",
            "Choose at most {count} for 'max'.",
        ),
        "max_single": (
            "'max: {max}' does not fit a single-choice poll.",
            "Write 'multiple: true' or delete the line 'max'.",
        ),
        "bad_date": (
            "'{value}' in 'closes' is not a valid date.",
            "Write YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 'closes: 2027-01-31'.",
        ),
        "bad_choice": (
            "'{value}' is not allowed for '{key}'.",
            "Allowed: {allowed}.",
        ),
        "after_close_without_date": (
            "'results: after_close' shows the results only after the end, but 'closes' is missing.",
            "Add 'closes: YYYY-MM-DD' or choose 'results: live' or 'after_vote'.",
        ),
        "not_mapping_decision": (
            "'decision' must hold 'status' and 'response'.",
            "Write 'status: planned' and 'response: …' indented below it.",
        ),
    },
}


def duplicate_poll_text(lang: str, poll_id: str, other: str) -> tuple[str, str]:
    """(message, fix) for a poll id that `other` ('file:line') already uses."""
    return text(lang, "duplicate_poll", id=poll_id, other=other)


def text(lang: str, key: str, /, **values: object) -> tuple[str, str]:
    """Return (message, fix) in the language, falling back to English."""
    if key == "yaml":
        # PyYAML words its problems for programmers ("expected <block end>"); authors get words.
        values = {**values, "detail": plain_yaml_problem(lang, str(values["detail"]))}
    return catalog_text(MESSAGES, lang, key, **values)
