"""Problem texts in plain words, German and English."""

from __future__ import annotations

from functools import partial

from faces_common.header_check import FIELD_MESSAGES
from faces_common.messages import catalog_text

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # key: (what is wrong, how to fix it)
    "de": {
        **FIELD_MESSAGES["de"],
        "no_header": (
            "Die Datei beginnt nicht mit Metadaten.",
            "Schreiben Sie oben z. B. 'Title: Mein Beitrag' und 'Date: 2026-03-14', "
            "dann eine Leerzeile, dann den Text.",
        ),
        "missing": (
            "Das Pflichtfeld '{field}' fehlt.",
            "Ergänzen Sie im Kopf der Datei eine Zeile wie '{example}'.",
        ),
        "empty": (
            "Das Feld '{field}' ist leer.",
            "Tragen Sie einen Wert ein, z. B. '{example}', oder löschen Sie die Zeile.",
        ),
        "bad_date": (
            "'{value}' im Feld '{field}' ist kein gültiges Datum.",
            "Schreiben Sie das Datum als Jahr-Monat-Tag, mit Uhrzeit oder ohne: "
            "'2026-03-14' oder '2026-03-14 09:30'.",
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
        "empty_file": (
            "Die Datei ist leer.",
            "Schreiben Sie oben den Kopf mit Titel, Datum, Kategorie und Autor, z. B. "
            "'{example}', dann eine Leerzeile, dann den Text. Oder löschen Sie die Datei.",
        ),
        "no_body": (
            "Der Beitrag hat keinen Text.",
            "Schreiben Sie den Text nach der Leerzeile unter dem Kopf. Die Erklärungen von "
            "'invoke new-post' zählen nicht, Leser sehen sie nicht.",
        ),
        "missing_rst_title": (
            "Der Titel fehlt.",
            "Schreiben Sie den Titel in die erste Zeile und darunter eine Zeile aus '#', "
            "so lang wie der Titel, z. B. 'Mein erster Beitrag' und '###################'.",
        ),
        "long_title": (
            "Der Titel ist für die Adresse des Beitrags zu lang; sie wird auf {limit} Zeichen "
            "gekürzt: '{slug}'.",
            "Wählen Sie eine kurze Adresse selbst mit einer Zeile 'Slug: …' im Kopf, "
            "z. B. 'Slug: {slug}'.",
        ),
        "long_slug": (
            "Die Adresse im Feld 'Slug' ist {length} Zeichen lang, erlaubt sind {limit}.",
            "Kürzen Sie sie, z. B. 'Slug: {suggestion}'.",
        ),
        "unreadable": (
            "Die Datei konnte nicht gelesen werden ({error}).",
            "Prüfen Sie Kopf und Text der Datei; 'uv run invoke check' nennt die meisten "
            "Fehler mit Zeile. Mit --debug zeigt der Build alle Einzelheiten.",
        ),
        "duplicate_slug": (
            "Dieser Beitrag bekommt dieselbe Adresse '{slug}' wie {other}.",
            "Ändern Sie den Titel oder setzen Sie eine eigene Adresse, z. B. 'Slug: {slug}-2'. "
            "Ist es eine Übersetzung, geben Sie eine andere Sprache an ('Lang: en').",
        ),
        "duplicate_slug_any_lang": (
            "Dieser Beitrag bekommt dieselbe Adresse '{slug}' wie {other}.",
            "Ändern Sie den Titel oder setzen Sie eine eigene Adresse, z. B. 'Slug: {slug}-2' "
            "(auch eine Übersetzung braucht hier eine eigene Adresse).",
        ),
        "not_utf8": (
            "Die Datei ist nicht als UTF-8 gespeichert; Umlaute würden falsch erscheinen.",
            "Öffnen Sie sie im Editor und speichern Sie sie mit der Kodierung 'UTF-8' "
            "(z. B. in VS Code unten rechts, im Windows-Editor unter 'Speichern unter').",
        ),
        "scaffold_guide": (
            "Die Erklärungen von 'invoke new-post' stehen noch in der Datei "
            "(Zeilen {first}–{last}).",
            "Löschen Sie den Block von '<!--' bis '-->', bevor Sie den Pull-Request öffnen.",
        ),
        "bad_slug": (
            "Die Adresse '{value}' im Feld 'Slug' darf nur Buchstaben, Ziffern und Bindestriche "
            "enthalten.",
            "Schreiben Sie z. B. 'Slug: {suggestion}'.",
        ),
        "unsafe_path": (
            "'{value}' im Feld '{field}' zeigt aus dem Ordner der Website hinaus.",
            "Löschen Sie die Zeile: Die Adresse ergibt sich aus dem Titel oder aus 'Slug: …'.",
        ),
        "unknown_template": (
            "Die Vorlage '{value}' gibt es im Theme nicht.",
            "Löschen Sie die Zeile 'Template: …' oder nennen Sie eine dieser Vorlagen: "
            "{available}.",
        ),
        "rst_unsafe": (
            "'{what}' bindet eine Datei, eine Adresse oder rohes HTML in den Beitrag ein; das "
            "ist hier nicht erlaubt.",
            "Schreiben Sie den Inhalt selbst in den Beitrag; Bilder binden Sie mit "
            "'.. image:: {{static}}/images/name.jpg' ein. (Sonst könnte ein Beitrag Dateien des "
            "Rechners veröffentlichen, der die Website baut.)",
        ),
        "active_content": (
            "Skripte und Ereignis-Attribute sind in Beiträgen nicht erlaubt: '{what}' könnte im "
            "Browser der Leser Programmcode ausführen.",
            "Entfernen Sie '{what}'. Links schreiben Sie als [Text](https://…); für eingebettete "
            "Inhalte (Video, Karte) setzen Sie einen Link oder ein Bild mit Link. Wollen Sie "
            "über HTML schreiben, setzen Sie den Code zwischen ``` und ```.",
        ),
        "foreign_embed": (
            "'{what}' bettet eine Seite von {host} ein oder sendet Eingaben dorthin; das ist in "
            "Beiträgen nicht erlaubt.",
            "Setzen Sie stattdessen einen Link auf die Seite. Soll {host} eingebettet werden "
            "dürfen, trägt die Redaktion '{host}' in CHECKS_EMBED_HOSTS in pelicanconf.py ein "
            "(Datenschutz: Browser der Leser nehmen dann Kontakt mit {host} auf).",
        ),
        "skipped": (
            "Der Beitrag wird nicht gebaut, bis die Fehler oben behoben sind.",
            "",
        ),
    },
    "en": {
        **FIELD_MESSAGES["en"],
        "no_header": (
            "The file does not start with metadata.",
            "Start it with lines such as 'Title: My post' and 'Date: 2026-03-14', "
            "then a blank line, then the text.",
        ),
        "missing": (
            "The required field '{field}' is missing.",
            "Add a line such as '{example}' to the header.",
        ),
        "empty": (
            "The field '{field}' is empty.",
            "Give it a value, e.g. '{example}', or delete the line.",
        ),
        "bad_date": (
            "'{value}' in the field '{field}' is not a valid date.",
            "Write the date as year-month-day, with or without the time: "
            "'2026-03-14' or '2026-03-14 09:30'.",
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
        "empty_file": (
            "The file is empty.",
            "Start it with the header (title, date, category, author), e.g. '{example}', "
            "then a blank line, then the text. Or delete the file.",
        ),
        "no_body": (
            "The post has no text.",
            "Write the text after the blank line below the header. The explanations from "
            "'invoke new-post' do not count; readers do not see them.",
        ),
        "missing_rst_title": (
            "The title is missing.",
            "Write the title on the first line and a line of '#' as long as the title below "
            "it, e.g. 'My first post' and '#############'.",
        ),
        "long_title": (
            "The title is too long for the post's address; it is shortened to {limit} "
            "characters: '{slug}'.",
            "Choose a short address yourself with a line 'Slug: …' in the header, "
            "e.g. 'Slug: {slug}'.",
        ),
        "long_slug": (
            "The address in the field 'Slug' is {length} characters long, the limit is {limit}.",
            "Shorten it, e.g. 'Slug: {suggestion}'.",
        ),
        "unreadable": (
            "The file could not be read ({error}).",
            "Check its header and text; 'uv run invoke check' names most errors with their "
            "line. With --debug the build shows every detail.",
        ),
        "duplicate_slug": (
            "This post gets the same address '{slug}' as {other}.",
            "Change the title or set an address of its own, e.g. 'Slug: {slug}-2'. "
            "If it is a translation, give it another language ('Lang: en').",
        ),
        "duplicate_slug_any_lang": (
            "This post gets the same address '{slug}' as {other}.",
            "Change the title or set an address of its own, e.g. 'Slug: {slug}-2' "
            "(on this site a translation needs an address of its own too).",
        ),
        "not_utf8": (
            "The file is not saved as UTF-8; accented letters would come out wrong.",
            "Open it in your editor and save it with the encoding 'UTF-8' "
            "(e.g. in VS Code at the bottom right, in Windows Notepad under 'Save as').",
        ),
        "scaffold_guide": (
            "The explanations from 'invoke new-post' are still in the file (lines {first}–{last}).",
            "Delete the block from '<!--' to '-->' before you open the pull request.",
        ),
        "bad_slug": (
            "The address '{value}' in the field 'Slug' may contain only letters, digits and "
            "hyphens.",
            "Write e.g. 'Slug: {suggestion}'.",
        ),
        "unsafe_path": (
            "'{value}' in the field '{field}' points outside the website's folder.",
            "Delete the line: the address comes from the title or from 'Slug: …'.",
        ),
        "unknown_template": (
            "The theme has no template '{value}'.",
            "Delete the line 'Template: …' or name one of these templates: {available}.",
        ),
        "rst_unsafe": (
            "'{what}' puts a file, an address or raw HTML into the post; that is not allowed here.",
            "Write the content into the post itself; include images with "
            "'.. image:: {{static}}/images/name.jpg'. (Otherwise a post could publish files of "
            "the machine that builds the site.)",
        ),
        "active_content": (
            "Scripts and event attributes are not allowed in posts: '{what}' could run code in "
            "readers' browsers.",
            "Remove '{what}'. Write links as [text](https://…); for embedded content (video, "
            "map) put a link or an image with a link. To write about HTML, put the code between "
            "``` and ```.",
        ),
        "foreign_embed": (
            "'{what}' embeds a page of {host} or sends input there; that is not allowed in posts.",
            "Put a link to the page instead. If {host} may be embedded, the editors add "
            "'{host}' to CHECKS_EMBED_HOSTS in pelicanconf.py (privacy: readers' browsers then "
            "contact {host}).",
        ),
        "skipped": (
            "The post is not built until the errors above are fixed.",
            "",
        ),
    },
}


# (message, fix) of this catalog in a language, falling back to English.
text = partial(catalog_text, MESSAGES)
