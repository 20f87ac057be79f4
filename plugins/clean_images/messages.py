"""What the image checks say, in German and English: (what is wrong, how to fix it)."""

from __future__ import annotations

from .verdict import ImageIssue

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "de": {
        "image_unsupported": (
            "'{target}' ist ein {kind}-Bild; verwendet werden nur {allowed}.",
            "Speichern Sie es als {allowed} (Fotos vom iPhone sind oft HEIC: in der Kamera-App "
            "'Maximale Kompatibilität' wählen oder das Foto per Mail/AirDrop als JPEG teilen).",
        ),
        "image_not_an_image": (
            "'{target}' ist kein Bild, das Browser anzeigen können.",
            "Speichern Sie es als {allowed} und laden Sie die Datei noch einmal hoch.",
        ),
        "image_damaged": (
            "Das Bild '{target}' ist unvollständig oder beschädigt.",
            "Laden Sie die Datei noch einmal hoch; sie wurde wohl nicht ganz übertragen.",
        ),
        "image_cannot_read": (
            "Die Datei '{target}' lässt sich nicht lesen.",
            "Prüfen Sie, ob die Datei da ist und gelesen werden darf.",
        ),
        "image_too_many_megapixels": (
            "Das Bild '{target}' hat {megapixels} Megapixel, erlaubt sind {limit}.",
            "Verkleinern Sie es vor dem Hochladen (z. B. mit Paint, Vorschau oder squoosh.app); "
            "für eine Webseite reichen 2000 Pixel Breite.",
        ),
        "image_too_wide": (
            "Das Bild '{target}' ist {width} × {height} Pixel groß, erlaubt sind {pixels} Pixel "
            "an der längeren Seite.",
            "Verkleinern Sie es auf höchstens {pixels} Pixel Breite, bevor Sie es hochladen.",
        ),
        "image_too_heavy": (
            "Das Bild '{target}' ist {size} KB groß, erlaubt sind {limit} KB.",
            "Speichern Sie es als JPEG mit Qualität 80 und höchstens {pixels} Pixel Breite "
            "(z. B. mit Paint, Vorschau oder squoosh.app).",
        ),
        "file_active": (
            "'{target}' ist eine {suffix}-Datei: Browser öffnen sie als Webseite oder Programm, "
            "das auf der Website Code ausführen könnte. Solche Dateien werden nicht "
            "veröffentlicht.",
            "Nehmen Sie die Datei aus dem Ordner content/ und stellen Sie den Inhalt als "
            "Beitrag, PDF oder Bild bereit.",
        ),
        "svg_unreadable": (
            "'{target}' ist keine lesbare SVG-Grafik (Fehler in Zeile {line}).",
            "Exportieren Sie die Grafik noch einmal als SVG (z. B. in Inkscape als "
            "'Normales SVG') oder als PNG.",
        ),
        "svg_entities": (
            "Die SVG-Grafik '{target}' deklariert die Entität '{name}', die auf andere Dateien "
            "oder Entitäten verweist; solche Dateien werden nicht veröffentlicht.",
            "Exportieren Sie die Grafik noch einmal als SVG ohne DOCTYPE-Angaben (z. B. in "
            "Inkscape als 'Optimiertes SVG') oder als PNG.",
        ),
        "svg_empty": (
            "Die SVG-Grafik '{target}' zeichnet nichts, sobald Skripte, eingebettetes HTML und "
            "Verweise auf andere Adressen entfernt sind.",
            "Exportieren Sie die Grafik als PNG oder als SVG ohne Skripte und ohne eingebettete "
            "Inhalte von anderen Adressen.",
        ),
        "svg_cleaned": (
            "Aus der SVG-Grafik '{target}' wurde entfernt, was Code ausführen oder etwas von "
            "anderen Adressen laden kann: {removed}.",
            "Prüfen Sie, ob die Grafik auf der Website noch richtig aussieht, und ersetzen Sie "
            "die Datei durch eine Fassung ohne diese Teile (dann verschwindet die Warnung).",
        ),
    },
    "en": {
        "image_unsupported": (
            "'{target}' is a {kind} image; only {allowed} can be used.",
            "Save it as {allowed} (iPhone photos are often HEIC: choose 'Most Compatible' in the "
            "camera settings, or share the photo by mail/AirDrop as JPEG).",
        ),
        "image_not_an_image": (
            "'{target}' is not an image browsers can show.",
            "Save it as {allowed} and upload the file again.",
        ),
        "image_damaged": (
            "The image '{target}' is incomplete or damaged.",
            "Upload the file again; it was probably not transferred completely.",
        ),
        "image_cannot_read": (
            "The file '{target}' cannot be read.",
            "Check that the file is there and may be read.",
        ),
        "image_too_many_megapixels": (
            "The image '{target}' has {megapixels} megapixels, the limit is {limit}.",
            "Make it smaller before uploading (e.g. with Paint, Preview or squoosh.app); "
            "2000 pixels across are plenty for a web page.",
        ),
        "image_too_wide": (
            "The image '{target}' is {width} × {height} pixels, the limit is {pixels} pixels "
            "on the longer side.",
            "Make it at most {pixels} pixels wide before uploading.",
        ),
        "image_too_heavy": (
            "The image '{target}' is {size} KB, the limit is {limit} KB.",
            "Save it as JPEG at quality 80 and at most {pixels} pixels wide "
            "(e.g. with Paint, Preview or squoosh.app).",
        ),
        "file_active": (
            "'{target}' is a {suffix} file: browsers open it as a web page or program that "
            "could run code on the website. Such files are not published.",
            "Take the file out of the content/ folder and provide its content as a post, a PDF "
            "or an image.",
        ),
        "svg_unreadable": (
            "'{target}' is not a readable SVG drawing (error in line {line}).",
            "Export the drawing again as SVG (e.g. in Inkscape as 'Plain SVG') or as PNG.",
        ),
        "svg_entities": (
            "The SVG drawing '{target}' declares the entity '{name}', which refers to other "
            "files or entities; such files are not published.",
            "Export the drawing again as SVG without DOCTYPE declarations (e.g. in Inkscape as "
            "'Optimized SVG') or as PNG.",
        ),
        "svg_empty": (
            "The SVG drawing '{target}' draws nothing once scripts, embedded HTML and "
            "references to other addresses are removed.",
            "Export the drawing as PNG, or as SVG without scripts and without embedded content "
            "from other addresses.",
        ),
        "svg_cleaned": (
            "Removed from the SVG drawing '{target}' what can run code or load from other "
            "addresses: {removed}.",
            "Check that the drawing still looks right on the website, and replace the file "
            "with a version without these parts (then the warning goes away).",
        ),
    },
}
# Refusals of files that are not images: "the image is missing" would not fit.
_NOT_IMAGES = {"file_active"}
_OR = {"de": "oder", "en": "or"}
_LEFT_OUT = {
    "de": " Bis dahin fehlt das Bild auf der Website.",
    "en": " Until then the image is missing from the website.",
}


def describe(
    lang: str, issue: ImageIssue, target: str, *, left_out: bool = True
) -> tuple[str, str]:
    """The issue in words: (what is wrong, how to fix it), in `lang` ("de" or "en").

    left_out: say that a refused image is missing from the site (not for profile photos,
    which are replaced by initials).
    """
    values = {key: _shown(lang, value) for key, value in issue.values.items()}
    message, fix = MESSAGES[lang][issue.key]
    fix = fix.format(target=target, **values)
    if issue.refused and left_out and issue.key not in _NOT_IMAGES:
        fix += _LEFT_OUT[lang]
    return message.format(target=target, **values), fix


def describes(lang: str, issue: ImageIssue) -> bool:
    """Whether `describe` has words for the issue (those every image can have)."""
    return issue.key in MESSAGES[lang]


def _shown(lang: str, value: object) -> object:
    if isinstance(value, float):
        shown = f"{value:.1f}".removesuffix(".0")
        return shown.replace(".", ",") if lang == "de" else shown
    if isinstance(value, tuple):
        names = [str(v) for v in value]
        return f"{', '.join(names[:-1])} {_OR[lang]} {names[-1]}" if len(names) > 1 else names[0]
    return value
