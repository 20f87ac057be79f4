"""What the story commands and the queue page tell editors, in German (default) or English."""

from __future__ import annotations

from faces_backend.http.settings import Language
from faces_backend.stories.store import Story

_TEXTS: dict[Language, dict[str, str]] = {
    "de": {
        "empty_queue": "Keine Geschichten warten auf eine Entscheidung.",
        "about.myself": "über sich selbst",
        "about.someone": "über {person}",
        "someone": "jemand anderen",
        "by": "vorgeschlagen von {proposer}",
        "anonymous": "ohne Namen vorgeschlagen",
        "contact": "Kontakt für die Rückmeldung: {contact}",
        "accepted": (
            "Vorschlag {id} angenommen, zuständig: {editor}. Er kommt mit „stories pull“ in "
            "den Redaktionsplan."
        ),
        "declined": (
            "Vorschlag {id} abgelehnt. Der Grund bleibt intern und wird nie veröffentlicht."
        ),
        "tell": (
            "Bitte teilen Sie der vorschlagenden Person das Ergebnis mit: {contact}. "
            "Der Kontakt ist jetzt aus der Datenbank gelöscht."
        ),
        "no_contact": "Die vorschlagende Person hat keinen Kontakt hinterlassen.",
        "unknown": "Es gibt keinen Vorschlag mit der ID {id!r}. Die IDs zeigt: stories list.",
        "decided": "Vorschlag {id} ist schon entschieden ({status}); nichts geändert.",
        "no_profiles": (
            "Die zuständige Person (--editor) kann nicht geprüft werden: Es gibt keine "
            "Profil-Liste. Bauen Sie die Website (invoke build) oder setzen Sie "
            "FACES_STORIES_MANIFEST auf stories/manifest.json der Ausgabe."
        ),
        "unknown_editor": (
            "--editor {editor!r} ist kein Profil dieser Website. Bekannte Profile: {known}."
        ),
        "empty_reason": (
            "--reason ist leer. Bitte nennen Sie einen Grund (er bleibt intern, höchstens "
            "{limit} Zeichen)."
        ),
        "long_reason": "--reason ist zu lang: höchstens {limit} Zeichen.",
        "pulled": (
            "Redaktionsplan {path}: {entries} Einträge, {added} neu, {dropped} entfernt; "
            "{purged} abgelehnte Vorschläge gelöscht (älter als {days} Tage)."
        ),
        "refused": (
            "Nichts geschrieben. {path} nennt Geschichten, die die Datenbank nicht kennt: {ids}. "
            "Das ist eine zurückgesetzte, leere oder falsche Datenbank. Setzen Sie FACES_DB auf "
            "die Datenbank des laufenden Backends. Nur wenn diese Einträge wirklich weg sollen: "
            "derselbe Befehl mit --replace."
        ),
        "not_json": (
            "{path}:{line}: kein gültiges JSON ({reason}). Nichts geschrieben. Stellen Sie die "
            "Datei aus der Versionsverwaltung wieder her."
        ),
        "bad_shape": (
            '{path}: erwartet ein Objekt mit einer Liste "stories" aus Objekten. '
            "Nichts geschrieben."
        ),
    },
    "en": {
        "empty_queue": "No stories are waiting for a decision.",
        "about.myself": "about themselves",
        "about.someone": "about {person}",
        "someone": "someone else",
        "by": "proposed by {proposer}",
        "anonymous": "proposed without a name",
        "contact": "Contact for the outcome: {contact}",
        "accepted": (
            "Proposal {id} accepted, editor: {editor}. `stories pull` adds it to the editorial "
            "plan."
        ),
        "declined": "Proposal {id} declined. The reason stays internal and is never published.",
        "tell": (
            "Please tell the proposer the outcome: {contact}. The contact is now deleted from "
            "the database."
        ),
        "no_contact": "The proposer left no contact.",
        "unknown": "There is no proposal with the id {id!r}. `stories list` shows the ids.",
        "decided": "Proposal {id} is already decided ({status}); nothing changed.",
        "no_profiles": (
            "The editor (--editor) cannot be checked: there is no profile list. Build the site "
            "(invoke build) or set FACES_STORIES_MANIFEST to stories/manifest.json in the output."
        ),
        "unknown_editor": (
            "--editor {editor!r} is no profile of this site. Known profiles: {known}."
        ),
        "empty_reason": (
            "--reason is empty. Please give a reason (it stays internal, at most {limit} "
            "characters)."
        ),
        "long_reason": "--reason is too long: at most {limit} characters.",
        "pulled": (
            "Editorial plan {path}: {entries} entries, {added} new, {dropped} removed; "
            "{purged} declined proposals deleted (older than {days} days)."
        ),
        "refused": (
            "Nothing written. {path} names stories the database does not know: {ids}. This is "
            "a reset, empty or wrong database. Point FACES_DB at the running backend's database. "
            "Only if these entries really should go: the same command with --replace."
        ),
        "not_json": (
            "{path}:{line}: not valid JSON ({reason}). Nothing written. Restore the file from "
            "version control."
        ),
        "bad_shape": (
            '{path}: expected an object with a list "stories" of objects. Nothing written.'
        ),
    },
}


def say(language: Language, key: str, **values: object) -> str:
    """Return one text in the language, with its placeholders filled."""
    return _TEXTS[language][key].format(**values)


def describe(story: Story, language: Language) -> str:
    """Return who a story is about and who proposed it, in one line."""
    person = story.person or say(language, "someone")
    about = say(language, f"about.{story.about}", person=person)
    by = (
        say(language, "by", proposer=story.proposer)
        if story.proposer
        else say(language, "anonymous")
    )
    return f"{about}, {story.department}; {by}"
