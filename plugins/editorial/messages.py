"""What the editorial checks say, in German and English: (what is wrong, how to fix it)."""

from __future__ import annotations

from functools import partial

from faces_common.messages import catalog_phrase, catalog_text

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "de": {
        "translation_missing": (
            "'{field}: {slug}' nennt keinen Beitrag: Es gibt keinen mit dieser Adresse.",
            "Schreiben Sie den Slug des Originals aus seiner Adresse, z. B. '{field}: {guess}'.",
        ),
        "translation_of_translation": (
            "'{field}: {slug}' nennt einen Beitrag, der selbst eine Übersetzung ist.",
            "Nennen Sie das Original, '{field}: {original}'.",
        ),
        "translation_same_lang": (
            "'{field}: {slug}' nennt einen Beitrag in derselben Sprache ({lang}).",
            "Setzen Sie 'Lang:' auf die Sprache der Übersetzung oder entfernen Sie die Zeile.",
        ),
        "page.translation_missing": (
            "'{field}: {slug}' nennt keine Seite: Es gibt keine mit dieser Adresse.",
            "Schreiben Sie den Slug der Originalseite aus ihrer Adresse, z. B. '{field}: {guess}'.",
        ),
        "page.translation_of_translation": (
            "'{field}: {slug}' nennt eine Seite, die selbst eine Übersetzung ist.",
            "Nennen Sie die Originalseite, '{field}: {original}'.",
        ),
        "page.translation_same_lang": (
            "'{field}: {slug}' nennt eine Seite in derselben Sprache ({lang}).",
            "Setzen Sie 'Lang:' auf die Sprache der Übersetzung oder entfernen Sie die Zeile.",
        ),
        "image_missing": (
            "Das Bild '{target}' gibt es nicht.",
            "Legen Sie die Datei als {expected} ab oder korrigieren Sie den Pfad.{hint}",
        ),
        "image_no_alt": (
            "Das Bild '{target}' hat keinen Alternativtext.",
            "Beschreiben Sie in den eckigen Klammern, was zu sehen ist, z. B. "
            "'![Zwei Monteure am Band]({target})'. Wer das Bild nicht sieht, hört diesen Text.",
        ),
        "image_no_alt_header": (
            "Zum Titelbild fehlt der Alternativtext 'Image-alt'.",
            "Ergänzen Sie eine Zeile 'Image-alt: …', die beschreibt, was auf dem Bild "
            "zu sehen ist.",
        ),
        "image_no_credit": (
            "Zum Titelbild fehlt der Bildnachweis 'Image-credit'.",
            "Ergänzen Sie eine Zeile wie 'Image-credit: Foto: Vorname Nachname' "
            "(wer das Bild gemacht hat, unter welcher Lizenz).",
        ),
        "image_external": (
            "Das Bild '{target}' wird von einem fremden Server geladen.",
            "Laden Sie das Bild nach content/images/ hoch und binden Sie es mit "
            "'{{static}}/images/name.jpg' ein. Fremde Server erfahren sonst, wer unseren "
            "Blog liest.",
        ),
        "image_bare_path": (
            "Der Bildpfad '{target}' funktioniert auf der Website nicht.",
            "Schreiben Sie '{suggestion}': {{static}} macht daraus die richtige Adresse.",
        ),
        "link_missing": (
            "Der Link '{target}' zeigt auf eine Datei, die es nicht gibt.",
            "Prüfen Sie den Pfad.{hint} Links auf Beiträge schreiben Sie als "
            "'[Text]({{filename}}/posts/2026/dateiname.md)'.",
        ),
        "link_bare_markdown": (
            "Der Link '{target}' zeigt auf eine Markdown-Datei; auf der Website wäre er kaputt.",
            "Schreiben Sie '{suggestion}': {{filename}} macht daraus die Adresse des Beitrags.",
        ),
        "link_to_internal": (
            "Der Link '{target}' zeigt auf einen internen Beitrag; im öffentlichen Blog gibt es "
            "ihn nicht.",
            "Entfernen Sie den Link, oder machen Sie auch diesen Beitrag intern "
            "('Visibility: internal').",
        ),
        "unknown_reviewer": (
            "Zu '{handle}' im Feld '{field}' gibt es kein Profil.",
            "Tragen Sie das Kürzel einer Person aus der Redaktion ein: {editors}.",
        ),
        "reviewer_not_editor": (
            "'{handle}' gehört laut Profil nicht zur Redaktion ('Editor: yes').",
            "Gegengelesen wird von der Redaktion: {editors}.",
        ),
        "duplicate_poll_id": (
            "Die Umfrage-ID '{poll}' gibt es schon in {other}.",
            "Geben Sie dieser Umfrage eine eigene ID, z. B. 'id: {poll}-2'. Stimmen werden "
            "unter der ID gezählt.",
        ),
        "internal_image_public": (
            "Das Bild '{target}' gehört auch zum internen Beitrag {other}; hier wird es "
            "öffentlich.",
            "Nehmen Sie ein anderes Bild, wenn dieses nicht öffentlich werden soll.",
        ),
        "no_profiles_check": (
            "Die Profile konnten nicht geprüft werden: {detail}.",
            "Das Plugin author_profiles fehlt oder ist unvollständig; melden Sie es der Redaktion.",
        ),
        "unanswered_question": (
            "Die Frage '{question}' ist noch nicht beantwortet.",
            "Ersetzen Sie {placeholder} in dieser Zeile durch die Antwort, oder löschen Sie die "
            "Frage samt Platzhalter, wenn sie nicht passt.",
        ),
    },
    "en": {
        "translation_missing": (
            "'{field}: {slug}' names no post: there is none with this address.",
            "Write the original's slug from its address, e.g. '{field}: {guess}'.",
        ),
        "translation_of_translation": (
            "'{field}: {slug}' names a post that is itself a translation.",
            "Name the original, '{field}: {original}'.",
        ),
        "translation_same_lang": (
            "'{field}: {slug}' names a post in the same language ({lang}).",
            "Set 'Lang:' to the translation's language or remove the line.",
        ),
        "page.translation_missing": (
            "'{field}: {slug}' names no page: there is none with this address.",
            "Write the original page's slug from its address, e.g. '{field}: {guess}'.",
        ),
        "page.translation_of_translation": (
            "'{field}: {slug}' names a page that is itself a translation.",
            "Name the original page, '{field}: {original}'.",
        ),
        "page.translation_same_lang": (
            "'{field}: {slug}' names a page in the same language ({lang}).",
            "Set 'Lang:' to the translation's language or remove the line.",
        ),
        "image_missing": (
            "The image '{target}' does not exist.",
            "Put the file at {expected} or correct the path.{hint}",
        ),
        "image_no_alt": (
            "The image '{target}' has no alternative text.",
            "Describe what it shows inside the square brackets, e.g. "
            "'![Two fitters at the line]({target})'. People who cannot see it hear this text.",
        ),
        "image_no_alt_header": (
            "The header image has no alternative text 'Image-alt'.",
            "Add a line 'Image-alt: …' that describes what the image shows.",
        ),
        "image_no_credit": (
            "The header image has no credit 'Image-credit'.",
            "Add a line such as 'Image-credit: Photo: First Last' (who made it, which licence).",
        ),
        "image_external": (
            "The image '{target}' is loaded from another server.",
            "Upload the image to content/images/ and include it as "
            "'{{static}}/images/name.jpg'. Other servers would learn who reads our blog.",
        ),
        "image_bare_path": (
            "The image path '{target}' does not work on the website.",
            "Write '{suggestion}': {{static}} turns it into the right address.",
        ),
        "link_missing": (
            "The link '{target}' points to a file that does not exist.",
            "Check the path.{hint} Link to posts as "
            "'[text]({{filename}}/posts/2026/file-name.md)'.",
        ),
        "link_bare_markdown": (
            "The link '{target}' points to a Markdown file; on the website it would be broken.",
            "Write '{suggestion}': {{filename}} turns it into the post's address.",
        ),
        "link_to_internal": (
            "The link '{target}' points to an internal post, which the public blog does not have.",
            "Remove the link, or make this post internal too ('Visibility: internal').",
        ),
        "unknown_reviewer": (
            "There is no profile for '{handle}' in the field '{field}'.",
            "Enter the handle of someone on the editorial team: {editors}.",
        ),
        "reviewer_not_editor": (
            "'{handle}' is not on the editorial team according to their profile ('Editor: yes').",
            "Posts are reviewed by the editorial team: {editors}.",
        ),
        "duplicate_poll_id": (
            "The poll id '{poll}' is already used in {other}.",
            "Give this poll an id of its own, e.g. 'id: {poll}-2'. Votes are counted by id.",
        ),
        "internal_image_public": (
            "The image '{target}' also belongs to the internal post {other}; here it becomes "
            "public.",
            "Use another image if this one must not become public.",
        ),
        "no_profiles_check": (
            "The profiles could not be checked: {detail}.",
            "The author_profiles plugin is missing or incomplete; tell the editorial team.",
        ),
        "unanswered_question": (
            "The question '{question}' has no answer yet.",
            "Replace {placeholder} on this line with the answer, or delete the question and its "
            "placeholder if it does not fit.",
        ),
    },
}

# Words around the reports themselves (summary lines, table headings).
WORDS: dict[str, dict[str, str]] = {
    "de": {
        "clean": "Keine Probleme in {files} Dateien.",
        "summary": "Fehler: {errors}, Warnungen: {warnings} ({files} Dateien geprüft).",
        "hint_guess": " Meinten Sie '{guess}'?",
        "summary_title": "Inhaltsprüfung",
        "summary_more": "Weitere Probleme (GitHub zeigt nur die ersten {limit} als Anmerkung):",
        "col_file": "Datei",
        "col_line": "Zeile",
        "col_severity": "Art",
        "col_message": "Problem",
        "col_fix": "So beheben Sie es",
        "error": "Fehler",
        "warning": "Warnung",
        "nobody": "(niemand mit 'Editor: yes')",
        "exists": "{path} gibt es schon. Wählen Sie einen anderen Titel oder bearbeiten Sie "
        "die Datei.",
        "ask_title": "Titel des Beitrags: ",
        "ask_authors": "Wer schreibt? Nummer oder Kürzel, mehrere mit Komma getrennt: ",
        "first_time": "Ich schreibe zum ersten Mal (neues Profil)",
        "ask_name": "Ihr Vor- und Nachname: ",
        "ask_category": "Kategorie (Nummer oder Name): ",
        "ask_lang": "Sprache ({choices}) [{default}]: ",
        "not_understood": "Das habe ich nicht verstanden: {value}",
        "not_a_tty": "Es fehlen Angaben: {missing}. Geben Sie sie an, z. B. uv run invoke new-post "
        '--title "Mein Beitrag" --author vorname-nachname --category Einblicke --lang de, '
        "oder starten Sie den Befehl in einem Terminal, dann fragt er nach.",
        "bad_category": "'{value}' ist keine Kategorie. Erlaubt sind: {allowed}.",
        "bad_lang": "'{value}' ist keine erlaubte Sprache. Erlaubt sind: {allowed}.",
        "bad_date": "'{value}' ist kein Datum. Schreiben Sie JJJJ-MM-TT oder JJJJ-MM-TT HH:MM.",
        "bad_handle": "'{value}' ist kein gültiges Kürzel. Kürzel sind klein geschrieben, mit "
        "Bindestrichen, z. B. '{suggestion}'.",
        "close_handle": "Zu '{value}' gibt es kein Profil. Meinten Sie '{guess}'? Für ein neues "
        "Profil schreiben Sie das Kürzel genau so, wie es heißen soll, und wählen Sie eines, das "
        "sich deutlicher unterscheidet, oder legen Sie es interaktiv an.",
        "unknown_interview": "Den Interviewtyp '{value}' gibt es nicht. Bekannt sind: {known}, "
        "z. B. --interview ein-tag-bei.",
        "interview_yaml": "{path}:{line}: Die Fragen lassen sich nicht lesen (YAML). Prüfen Sie "
        "Einrückung und Doppelpunkte in dieser Zeile.",
        "interview_field": "{path}: Es fehlt die Liste '{field}' mit mindestens einer Frage. "
        "Ergänzen Sie sie, je Frage eine Zeile '- …'.",
        "created_interview": "Fragen für das Gespräch stehen im Text, jede mit {placeholder} "
        "darunter: Ersetzen Sie es durch die Antwort. 'uv run invoke check' meldet jede offene "
        "Frage.",
        "hints_summary": "Schreibhinweise: {count} (Vorschläge, keine Fehler).",
        "created_post": "Angelegt: {path}",
        "created_profile": "Neues Profil: {path} (mit der Redaktion ausfüllen, Einwilligung "
        "abhaken)",
        "next_steps": "Nächste Schritte: Text schreiben, dann 'uv run invoke check' und "
        "'uv run invoke livereload' (Vorschau unter http://127.0.0.1:8000/).",
    },
    "en": {
        "clean": "No problems in {files} files.",
        "summary": "Errors: {errors}, warnings: {warnings} ({files} files checked).",
        "hint_guess": " Did you mean '{guess}'?",
        "summary_title": "Content check",
        "summary_more": "More problems (GitHub shows only the first {limit} as annotations):",
        "col_file": "File",
        "col_line": "Line",
        "col_severity": "Kind",
        "col_message": "Problem",
        "col_fix": "How to fix it",
        "error": "error",
        "warning": "warning",
        "nobody": "(nobody with 'Editor: yes')",
        "exists": "{path} already exists. Choose another title or edit that file.",
        "ask_title": "Title of the post: ",
        "ask_authors": "Who is writing? Number or handle, several separated by commas: ",
        "first_time": "I am writing for the first time (new profile)",
        "ask_name": "Your first and last name: ",
        "ask_category": "Category (number or name): ",
        "ask_lang": "Language ({choices}) [{default}]: ",
        "not_understood": "I did not understand: {value}",
        "not_a_tty": "Missing: {missing}. Pass them, e.g. uv run invoke new-post "
        '--title "My post" --author first-last --category Einblicke --lang en, '
        "or run the command in a terminal and it will ask.",
        "bad_category": "'{value}' is not a category. Allowed: {allowed}.",
        "bad_lang": "'{value}' is not an allowed language. Allowed: {allowed}.",
        "bad_date": "'{value}' is not a date. Write YYYY-MM-DD or YYYY-MM-DD HH:MM.",
        "bad_handle": "'{value}' is not a valid handle. Handles are lower case with hyphens, "
        "e.g. '{suggestion}'.",
        "close_handle": "There is no profile for '{value}'. Did you mean '{guess}'? For a new "
        "profile choose a handle that differs more clearly, or create it interactively.",
        "unknown_interview": "There is no interview type '{value}'. Known types: {known}, "
        "e.g. --interview ein-tag-bei.",
        "interview_yaml": "{path}:{line}: the questions cannot be read (YAML). Check the "
        "indentation and colons on this line.",
        "interview_field": "{path}: the list '{field}' with at least one question is missing. "
        "Add it, one line '- …' per question.",
        "created_interview": "The questions for the conversation are in the text, each with "
        "{placeholder} below it: replace it with the answer. 'uv run invoke check' reports "
        "every open question.",
        "hints_summary": "Writing hints: {count} (suggestions, not errors).",
        "created_post": "Created: {path}",
        "created_profile": "New profile: {path} (fill it in with the editorial team, tick the "
        "consent checklist)",
        "next_steps": "Next: write the text, then 'uv run invoke check' and "
        "'uv run invoke livereload' (preview at http://127.0.0.1:8000/).",
    },
}


# (message, fix) of this catalog in a language, falling back to English.
text = partial(catalog_text, MESSAGES)


# One of the report's own phrases in a language.
word = partial(catalog_phrase, WORDS)
