"""Problem texts for profiles, photos and post authors (German and English), and their report."""

from __future__ import annotations

import logging
from functools import partial

from faces_common.header_check import FIELD_MESSAGES
from faces_common.messages import catalog_text
from faces_common.problems import ERROR, Problem, log_problems

logger = logging.getLogger(__name__)

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # key: (what is wrong, how to fix it)
    "de": {
        **FIELD_MESSAGES["de"],
        "no_header": (
            "Das Profil beginnt nicht mit Metadaten.",
            "Schreiben Sie oben z. B. 'Name: Vorname Nachname' und 'Department: …', "
            "dann eine Leerzeile, dann den Text über sich.",
        ),
        "missing": (
            "Das Pflichtfeld '{field}' fehlt.",
            "Ergänzen Sie eine Zeile '{field}: …', z. B. '{example}'.",
        ),
        "bad_choice": (
            "'{value}' ist im Feld '{field}' nicht erlaubt.",
            "Erlaubt sind: {allowed}.",
        ),
        "bad_handle": (
            "Der Dateiname '{name}' taugt nicht als Kürzel.",
            "Benennen Sie die Datei in '{suggestion}.md' um "
            "(Kleinbuchstaben, Ziffern und Bindestriche), das Foto gleich mit.",
        ),
        "duplicate_handle": (
            "Das Kürzel '{handle}' gibt es schon in {other}.",
            "Jede Person braucht ein eigenes Kürzel: Benennen Sie eine der Dateien um "
            "oder löschen Sie das doppelte Profil. Dieses Profil wird übersprungen.",
        ),
        "duplicate_name": (
            "Der Name '{name}' steht auch in {other}.",
            "Beiträge, die den Namen statt des Kürzels nennen, sind so nicht eindeutig; "
            "nennen Sie dort das Kürzel.",
        ),
        "stray_line": (
            "Diese Zeile im Kopf hat nicht die Form 'Feld: Wert'.",
            "Ergänzen Sie den Doppelpunkt nach dem Feldnamen oder setzen Sie eine Leerzeile "
            "vor den Text.",
        ),
        "bad_date": (
            "'{value}' im Feld '{field}' ist kein gültiges Datum.",
            "Schreiben Sie das Datum als JJJJ-MM-TT, z. B. '{field}: 2026-03-14'.",
        ),
        "bad_yes_no": (
            "'{value}' im Feld '{field}' ist weder 'yes' noch 'no'.",
            "Schreiben Sie '{field}: yes' oder '{field}: no'.",
        ),
        "bad_focus": (
            "'{value}' im Feld '{field}' ist kein Bildpunkt.",
            "Schreiben Sie zwei Zahlen von 0 bis 1, x von links und y von oben, "
            "z. B. '{field}: 0.5, 0.35'.",
        ),
        "bad_link": (
            "'{value}' im Feld '{field}' ist keine vollständige Webadresse.",
            "Schreiben Sie die Adresse mit https://, z. B. '{field}: https://example.org/…'. "
            "Bis dahin fehlt der Link auf der Seite.",
        ),
        "missing_consent": (
            "Das Feld 'Consent' fehlt.",
            "Ohne Einwilligung erscheinen weder Foto noch persönliche Angaben, nur Name, "
            "Rolle und Initialen. Tragen Sie 'Consent: yes' und 'Consent-date: JJJJ-MM-TT' ein, "
            "sobald die Person zugestimmt hat, sonst 'Consent: no'.",
        ),
        "missing_consent_date": (
            "Zur Einwilligung fehlt das Datum.",
            "Ergänzen Sie 'Consent-date: JJJJ-MM-TT' mit dem Tag, an dem die Person "
            "zugestimmt hat.",
        ),
        "photo_missing": (
            "Das Foto '{photo}' gibt es nicht.",
            "Legen Sie die Datei neben das Profil ({folder}) oder korrigieren Sie den "
            "Dateinamen. Bis dahin erscheinen Initialen.",
        ),
        "photo_error": (
            "Das Foto lässt sich nicht verwenden: {detail}",
            "{fix} Bis ein brauchbares Foto (JPEG, PNG oder WebP) da ist, erscheinen Initialen.",
        ),
        "photo_warning": (
            "Foto '{photo}': {detail}",
            "Das Foto wird trotzdem verwendet; ersetzen Sie es, wenn Sie ein besseres haben.",
        ),
        # Details of photo_error and photo_warning: (what is wrong, how to fix it).
        "photo_too_small": (
            "Das Foto '{photo}' ist nur {side} px groß; nötig sind mindestens {smallest} px "
            "(empfohlen {largest} px).",
            "Nehmen Sie ein größeres Foto, am besten das Original aus der Kamera.",
        ),
        "photo_small": (
            "Es ist nur {side} px groß; empfohlen sind mindestens {largest} px.",
            "",
        ),
        "photo_bad_focus": (
            "Der Bildpunkt {point} für '{photo}' besteht nicht aus zwei Zahlen von 0 bis 1.",
            "Schreiben Sie 'Photo-focus: 0.5, 0.35' (x von links, y von oben).",
        ),
        "photo_worker_failed": (
            "Die Verarbeitung von '{photo}' ist abgebrochen.",
            "Bauen Sie noch einmal; bleibt der Fehler, verkleinern Sie das Foto.",
        ),
        "photo_orientation_unreadable": (
            "Die Ausrichtung (EXIF) ließ sich nicht lesen; es wird so verwendet, wie es "
            "gespeichert ist.",
            "",
        ),
        "photo_profile_unapplied": (
            "Das eingebettete Farbprofil ließ sich nicht anwenden; die Farben können abweichen.",
            "",
        ),
        "unknown_author": (
            "Zu '{name}' gibt es kein Profil.",
            "Meinten Sie '{handle}' ({full})? Nennen Sie Autorinnen und Autoren mit dem "
            "Kürzel ihres Profils in {folder}/.",
        ),
        "unknown_author_no_guess": (
            "Zu '{name}' gibt es kein Profil.",
            "Legen Sie ein Profil {folder}/{slug}.md an oder nennen Sie das Kürzel eines "
            "bestehenden Profils. Bis dahin steht der Name ohne Link im Beitrag.",
        ),
        "ambiguous_author": (
            "Der Name '{name}' passt auf mehrere Profile: {handles}.",
            "Nennen Sie die Person mit ihrem Kürzel, z. B. 'Author: {handle}'.",
        ),
    },
    "en": {
        **FIELD_MESSAGES["en"],
        "no_header": (
            "The profile does not start with metadata.",
            "Start it with lines such as 'Name: First Last' and 'Department: …', then a "
            "blank line, then the text about yourself.",
        ),
        "missing": (
            "The required field '{field}' is missing.",
            "Add a line '{field}: …', e.g. '{example}'.",
        ),
        "bad_choice": (
            "'{value}' is not allowed in the field '{field}'.",
            "Allowed values: {allowed}.",
        ),
        "bad_handle": (
            "The file name '{name}' cannot be used as a handle.",
            "Rename the file to '{suggestion}.md' (lower-case letters, digits and hyphens), "
            "and the photo too.",
        ),
        "duplicate_handle": (
            "The handle '{handle}' already exists in {other}.",
            "Everyone needs a handle of their own: rename one of the files or delete the "
            "duplicate profile. This profile is skipped.",
        ),
        "duplicate_name": (
            "The name '{name}' is also used in {other}.",
            "Posts that name the person instead of the handle are ambiguous; use the handle there.",
        ),
        "stray_line": (
            "This header line is not of the form 'Field: value'.",
            "Add the colon after the field name, or put a blank line before the text.",
        ),
        "bad_date": (
            "'{value}' in the field '{field}' is not a valid date.",
            "Write the date as YYYY-MM-DD, e.g. '{field}: 2026-03-14'.",
        ),
        "bad_yes_no": (
            "'{value}' in the field '{field}' is neither 'yes' nor 'no'.",
            "Write '{field}: yes' or '{field}: no'.",
        ),
        "bad_focus": (
            "'{value}' in the field '{field}' is not a point in the picture.",
            "Write two numbers from 0 to 1, x from the left and y from the top, "
            "e.g. '{field}: 0.5, 0.35'.",
        ),
        "bad_link": (
            "'{value}' in the field '{field}' is not a complete web address.",
            "Write the address with https://, e.g. '{field}: https://example.org/…'. "
            "Until then the link is left out.",
        ),
        "missing_consent": (
            "The field 'Consent' is missing.",
            "Without consent neither the photo nor personal details appear, only name, role "
            "and initials. Add 'Consent: yes' and 'Consent-date: YYYY-MM-DD' once the person "
            "has agreed, otherwise 'Consent: no'.",
        ),
        "missing_consent_date": (
            "The consent has no date.",
            "Add 'Consent-date: YYYY-MM-DD' with the day the person agreed.",
        ),
        "photo_missing": (
            "The photo '{photo}' does not exist.",
            "Put the file next to the profile ({folder}) or correct the file name. Until then "
            "the initials are shown.",
        ),
        "photo_error": (
            "The photo cannot be used: {detail}",
            "{fix} Until there is a usable photo (JPEG, PNG or WebP) the initials are shown.",
        ),
        "photo_warning": (
            "Photo '{photo}': {detail}",
            "The photo is used anyway; replace it when you have a better one.",
        ),
        # Details of photo_error and photo_warning: (what is wrong, how to fix it).
        "photo_too_small": (
            "The photo '{photo}' is only {side} px; at least {smallest} px are needed "
            "({largest} px recommended).",
            "Use a larger photo, ideally the original from the camera.",
        ),
        "photo_small": (
            "it is only {side} px; at least {largest} px are recommended.",
            "",
        ),
        "photo_bad_focus": (
            "The focal point {point} of '{photo}' is not two numbers from 0 to 1.",
            "Write 'Photo-focus: 0.5, 0.35' (x from the left, y from the top).",
        ),
        "photo_worker_failed": (
            "Processing '{photo}' was interrupted.",
            "Build again; if it happens again, make the photo smaller.",
        ),
        "photo_orientation_unreadable": (
            "its orientation (EXIF) could not be read; it is used as stored.",
            "",
        ),
        "photo_profile_unapplied": (
            "its embedded colour profile could not be applied; colours may be off.",
            "",
        ),
        "unknown_author": (
            "There is no profile for '{name}'.",
            "Did you mean '{handle}' ({full})? Name authors by the handle of their profile "
            "in {folder}/.",
        ),
        "unknown_author_no_guess": (
            "There is no profile for '{name}'.",
            "Add a profile {folder}/{slug}.md or use the handle of an existing profile. Until "
            "then the name appears without a link.",
        ),
        "ambiguous_author": (
            "The name '{name}' matches several profiles: {handles}.",
            "Name the person by handle, e.g. 'Author: {handle}'.",
        ),
    },
}


# (message, fix) of this catalog in a language, falling back to English.
text = partial(catalog_text, MESSAGES)


def problem(
    lang: str,
    path: str,
    line: int,
    key: str,
    severity: str = ERROR,
    *,
    column: int = 1,
    **values: object,
) -> Problem:
    """Build a Problem from a message key and its values."""
    message, fix = text(lang, key, **values)
    return Problem(path, line, message, fix, severity, column, rule=f"author_profiles.{key}")


def report(problems: list[Problem]) -> None:
    """Log each problem once, errors as errors and the rest as warnings."""
    log_problems(problems, logger)
