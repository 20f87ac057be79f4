"""What the writing hints say, in German and English: (what we noticed, what might help)."""

from __future__ import annotations

from functools import partial

from faces_common.messages import catalog_text

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "de": {
        "long_sentence": (
            "Dieser Satz hat {words} Wörter: „{start} …“",
            "Lange Sätze liest man zweimal. Teilen Sie ihn, wo ein neuer Gedanke beginnt; "
            "bis etwa {limit} Wörter lesen sich leicht.",
        ),
        "reading_ease": (
            "Der Text ist schwer zu lesen (Lesbarkeit {score} von 100, Formel nach {formula}).",
            "Kürzere Sätze und kürzere Wörter helfen am meisten. Ab etwa {limit} liest sich "
            "ein Text für die meisten Menschen leicht.",
        ),
        "long_paragraph": (
            "Dieser Absatz hat {words} Wörter ohne Pause.",
            "Setzen Sie eine Leerzeile, wo ein neuer Gedanke beginnt; am Bildschirm wirken "
            "Absätze über {limit} Wörter wie eine Wand.",
        ),
        "long_title": (
            "Der Titel hat {length} Zeichen; Suchmaschinen zeigen etwa {limit}.",
            "Das Wichtigste gehört an den Anfang, oder kürzen Sie ihn.",
        ),
        "vague_alt": (
            "Die Bildbeschreibung „{alt}“ sagt nicht, was zu sehen ist.",
            "Beschreiben Sie in einem Satz, was auf dem Bild passiert, z. B. "
            "„Zwei Monteurinnen richten einen Rahmen aus“.",
        ),
        "pasted_bullets": (
            "Hier steht ein Aufzählungszeichen „{bullet}“ aus einem Schreibprogramm.",
            "Schreiben Sie Listen in Markdown: jede Zeile mit '- ' beginnen, davor eine "
            "Leerzeile. Sonst erscheint alles in einem Absatz.",
        ),
        "credit_in_text": (
            "Hier steht ein Bildnachweis im Text: „{line}“",
            "Für das Titelbild gehört er in das Feld 'Image-credit:', für andere Bilder in die "
            "Bildunterschrift direkt beim Bild.",
        ),
        "leftover_web_text": (
            "„{line}“ sieht nach übrig gebliebenem Text einer anderen Website aus "
            "(Teilen-Knopf oder Kommentarformular).",
            "Löschen Sie die Zeile; unsere Seite hat ihre eigenen Kommentare.",
        ),
    },
    "en": {
        "long_sentence": (
            "This sentence has {words} words: “{start} …”",
            "Long sentences get read twice. Split it where a new thought begins; up to about "
            "{limit} words read easily.",
        ),
        "reading_ease": (
            "The text is hard to read (reading ease {score} of 100, {formula} formula).",
            "Shorter sentences and shorter words help most. From about {limit} up a text reads "
            "easily for most people.",
        ),
        "long_paragraph": (
            "This paragraph has {words} words without a break.",
            "Add a blank line where a new thought begins; on screen paragraphs over {limit} "
            "words look like a wall.",
        ),
        "long_title": (
            "The title has {length} characters; search engines show about {limit}.",
            "Put what matters first, or shorten it.",
        ),
        "vague_alt": (
            "The image description “{alt}” does not say what the image shows.",
            "Describe in one sentence what happens in the picture, e.g. "
            "“Two fitters aligning a frame”.",
        ),
        "pasted_bullets": (
            "A bullet character “{bullet}” from a word processor.",
            "Write lists in Markdown: start each line with '- ', with a blank line before the "
            "list. Otherwise it all shows as one paragraph.",
        ),
        "credit_in_text": (
            "An image credit written into the text: “{line}”",
            "For the header image it belongs in the 'Image-credit:' field, for other images in "
            "the caption right by the image.",
        ),
        "leftover_web_text": (
            "“{line}” looks like text left over from another website (a share button or a "
            "comment form).",
            "Delete the line; our page has its own comments.",
        ),
    },
}

# (message, fix) of this catalog in a language, falling back to English.
text = partial(catalog_text, MESSAGES)
