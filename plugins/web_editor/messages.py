"""What the editor's forms say, in German (addressing the reader with "Sie") and English."""

from __future__ import annotations

from faces_common.messages import catalog_phrase

# Labels of collections and fields ("label") and their hints ("label.hint").
PHRASES: dict[str, dict[str, str]] = {
    "de": {
        "posts": "Beiträge",
        "post": "Beitrag",
        "profiles": "Profile",
        "profile": "Profil",
        "title": "Titel",
        "title.hint": "Die Überschrift. Kurz, konkret, gern als Frage.",
        "summary": "Kurzfassung",
        "summary.hint": "Ein bis zwei Sätze für die Übersicht und Suchmaschinen.",
        "category": "Kategorie",
        "authors": "Autorinnen und Autoren",
        "authors.hint": "Wählen Sie sich selbst und alle, die mitschreiben, nach Namen aus.",
        "lang": "Sprache",
        "date": "Erscheinungsdatum",
        "date.hint": "Die Redaktion legt das endgültige Datum mit Ihnen fest.",
        "tags": "Stichwörter",
        "tags.hint": "Durch Kommas getrennt, z. B. Werkstatt, Laufräder.",
        "image": "Titelbild",
        "image.hint": "Wird ohne Metadaten (Ort, Kamera) veröffentlicht.",
        "image-alt": "Bildbeschreibung",
        "image-alt.hint": "Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen.",
        "image-credit": "Bildnachweis",
        "image-credit.hint": "Wer das Bild gemacht hat und unter welcher Lizenz.",
        "visibility": "Sichtbarkeit",
        "visibility.hint": "public: für alle; internal: nur im Intranet.",
        "status": "Status",
        "status.hint": "draft, bis die Redaktion den Beitrag freigibt.",
        "reviewed-by": "Gegengelesen von",
        "reviewed-by.hint": "Trägt die Redaktion ein, wenn der Beitrag bereit ist.",
        "body": "Text",
        "body.hint": "Zwischenüberschriften mit ##. Eine Umfrage fügen Sie über + ein.",
        "name": "Name",
        "role": "Rolle",
        "role.hint": "Ihre Aufgabe in einem Satz, z. B. Leiterin Personal.",
        "ask-me-about": "Fragen Sie mich zu",
        "ask-me-about.hint": "Themen, durch Kommas getrennt.",
        "photo": "Foto",
        "photo.hint": "Erscheint erst, wenn die Redaktion Ihre Einwilligung eingetragen hat.",
        "bio": "Über mich",
        "poll": "Umfrage",
        "poll.id": "Kennung (nur a-z, 0-9, -)",
        "poll.question": "Frage",
        "poll.options": "Antworten",
        "poll.label": "Antwort",
        "poll.multiple": "Mehrere Antworten erlaubt",
        "poll.closes": "Endet am",
        "open": "Editor öffnen",
        "publish.unreviewed": (
            "Der Beitrag ist noch nicht freigegeben. Öffnen Sie ihn, wählen Sie unter "
            "„Gegengelesen von“ die Person aus der Redaktion, die ihn gelesen hat, setzen Sie "
            "„Status“ auf published, speichern Sie und veröffentlichen Sie dann."
        ),
    },
    "en": {
        "posts": "Posts",
        "post": "Post",
        "profiles": "Profiles",
        "profile": "Profile",
        "title": "Title",
        "title.hint": "The headline. Short, concrete, a question is fine.",
        "summary": "Summary",
        "summary.hint": "One or two sentences for the listings and search engines.",
        "category": "Category",
        "authors": "Authors",
        "authors.hint": "Choose yourself and everyone who writes with you by name.",
        "lang": "Language",
        "date": "Publication date",
        "date.hint": "The editorial team agrees the final date with you.",
        "tags": "Tags",
        "tags.hint": "Separated by commas, e.g. Workshop, Wheels.",
        "image": "Header image",
        "image.hint": "Published without metadata (place, camera).",
        "image-alt": "Image description",
        "image-alt.hint": "What the image shows, for people who cannot see it.",
        "image-credit": "Image credit",
        "image-credit.hint": "Who made the image and under which licence.",
        "visibility": "Visibility",
        "visibility.hint": "public: everyone; internal: the intranet only.",
        "status": "Status",
        "status.hint": "draft until the editorial team releases the post.",
        "reviewed-by": "Reviewed by",
        "reviewed-by.hint": "Filled in by the editorial team when the post is ready.",
        "body": "Text",
        "body.hint": "Subheadings with ##. Add a poll with +.",
        "name": "Name",
        "role": "Role",
        "role.hint": "Your job in one sentence, e.g. Head of HR.",
        "ask-me-about": "Ask me about",
        "ask-me-about.hint": "Topics, separated by commas.",
        "photo": "Photo",
        "photo.hint": "Shown once the editorial team has recorded your consent.",
        "bio": "About me",
        "poll": "Poll",
        "poll.id": "Identifier (a-z, 0-9, - only)",
        "poll.question": "Question",
        "poll.options": "Answers",
        "poll.label": "Answer",
        "poll.multiple": "Several answers allowed",
        "poll.closes": "Closes on",
        "open": "Open the editor",
        "publish.unreviewed": (
            "The post has not been released yet. Open it, choose the editor who read it under "
            "“Reviewed by”, set “Status” to published, save, then publish."
        ),
    },
}

# The editor page around the CMS.
PAGE: dict[str, dict[str, str]] = {
    "de": {
        "title": "Im Browser schreiben",
        "noscript": (
            "Der Editor braucht JavaScript. Ohne JavaScript schreiben Sie Ihren Beitrag wie "
            "im Redaktionsleitfaden beschrieben mit einem Texteditor."
        ),
        "back": "Zurück zum Blog",
        "narrow": "Für den Editor ist dieser Bildschirm zu schmal",
        "narrow.intro": (
            "Der Editor braucht einen breiteren Bildschirm: einen Computer oder ein Tablet im "
            "Querformat. Auf dem Telefon kommen Sie so zu Ihrem Beitrag:"
        ),
        "narrow.story": "Geschichte vorschlagen",
        "narrow.story.after": (
            ": Sie erzählen in ein paar Sätzen, worum es geht. Die Redaktion meldet sich und "
            "schreibt den Beitrag mit Ihnen."
        ),
        "narrow.guide": "Anleitung „Mitmachen“",
        "narrow.guide.after": (
            ": Sie legen den Beitrag im Browser-Editor von GitHub oder GitLab an, Schritt für "
            "Schritt erklärt."
        ),
        "narrow.later": "Oder öffnen Sie diese Seite später am Computer.",
    },
    # I18N_ADDRESS = "du": only the texts that address the writer (faces_common.voice).
    "de@du": {
        "noscript": (
            "Der Editor braucht JavaScript. Ohne JavaScript schreibst du deinen Beitrag wie "
            "im Redaktionsleitfaden beschrieben mit einem Texteditor."
        ),
        "narrow.intro": (
            "Der Editor braucht einen breiteren Bildschirm: einen Computer oder ein Tablet im "
            "Querformat. Auf dem Telefon kommst du so zu deinem Beitrag:"
        ),
        "narrow.story.after": (
            ": Du erzählst in ein paar Sätzen, worum es geht. Die Redaktion meldet sich und "
            "schreibt den Beitrag mit dir."
        ),
        "narrow.guide.after": (
            ": Du legst den Beitrag im Browser-Editor von GitHub oder GitLab an, Schritt für "
            "Schritt erklärt."
        ),
        "narrow.later": "Oder öffne diese Seite später am Computer.",
    },
    "en": {
        "title": "Write in the browser",
        "noscript": (
            "The editor needs JavaScript. Without it, write your post in a text editor as the "
            "editorial guide describes."
        ),
        "back": "Back to the blog",
        "narrow": "This screen is too narrow for the editor",
        "narrow.intro": (
            "The editor needs a wider screen: a computer or a tablet held sideways. On a phone, "
            "this is how you get your post in:"
        ),
        "narrow.story": "Suggest a story",
        "narrow.story.after": (
            ": tell us in a few sentences what it is about. The editorial team gets in touch "
            "and writes the post with you."
        ),
        "narrow.guide": "The “Join in” guide",
        "narrow.guide.after": (
            ": create the post in GitHub's or GitLab's web editor, explained step by step."
        ),
        "narrow.later": "Or open this page later on a computer.",
    },
}


def phrase(lang: str, key: str) -> str:
    """One label or hint of the editor's forms in the language."""
    return catalog_phrase(PHRASES, lang, key)


# Decap's save button and its menu where saving writes a draft file (no board): its own
# words ("Veröffentlichen", "Jetzt veröffentlichen") made a first-time writer hesitate.
TOOLBAR: dict[str, dict[str, str]] = {
    "de": {
        "publish": "Speichern",
        "publishing": "Speichern …",
        "published": "Gespeichert",
        "publishNow": "Jetzt speichern",
        "publishAndCreateNew": "Speichern und neuen Beitrag anlegen",
        "publishAndDuplicate": "Speichern und Beitrag duplizieren",
    },
    "en": {
        "publish": "Save",
        "publishing": "Saving …",
        "published": "Saved",
        "publishNow": "Save now",
        "publishAndCreateNew": "Save and create a new post",
        "publishAndDuplicate": "Save and duplicate the post",
    },
}


def toolbar_words(lang: str) -> dict[str, str]:
    """Decap's editorToolbar phrases that our editor replaces, in the language."""
    return dict(TOOLBAR.get(lang, TOOLBAR["en"]))
