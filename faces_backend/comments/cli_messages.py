"""What the comment commands tell the operator, in German (default) or English (--lang en)."""

from __future__ import annotations

from faces_backend.http.settings import Language

_TEXTS: dict[Language, dict[str, str]] = {
    "de": {
        "empty_queue": "Keine Kommentare warten auf Freigabe.",
        "approved": (
            "Kommentar {id} freigegeben. Sichtbar sofort (live) und nach dem nächsten Pull."
        ),
        "rejected": "Kommentar {id} abgelehnt ({reason}).",
        "replied": "Antwort {id} von {profile} gespeichert und freigegeben.",
        "purged": "{count} abgelehnte Kommentare gelöscht (älter als {days} Tage).",
        "pulled": (
            "{comments} Kommentare in {files} Dateien nach {folder} geschrieben, {removed} "
            "entfernt; Zahlen nach {figures}."
        ),
        "no_comment": "Es gibt keinen Kommentar mit der ID {id}. Die IDs zeigt: comments list.",
        "bad_profile": (
            "--as {profile!r} ist kein Profil-Slug. Erwartet: Kleinbuchstaben, Ziffern und "
            "Bindestriche wie im Profil, z. B. anna-muster."
        ),
        "bad_reply": "--text ist leer oder länger als {limit} Zeichen.",
        "rejected_parent": "Kommentar {id} ist abgelehnt; darauf kann niemand antworten.",
        "refused": "Nichts geschrieben. Die Datenbank hat weniger als das Repository:",
        "missing": "{path}: Kommentar {comment_id} fehlt in der Datenbank.",
        "lower": (
            "comment-figures.json, „{figure}“: {repo} im Repository, {backend} in der Datenbank."
        ),
        "advice": (
            "Das ist eine zurückgesetzte, leere oder falsche Datenbank. Setzen Sie FACES_DB "
            "auf die Datenbank des laufenden Backends. Nur wenn der Stand im Repository "
            "wirklich ersetzt werden soll: derselbe Befehl mit --replace."
        ),
        "not_json": (
            "{path}:{line}: kein gültiges JSON ({reason}). Nichts geschrieben. Stellen Sie die "
            "Datei wieder her (git checkout -- {path})."
        ),
        "bad_shape": (
            "{path}: erwartet ein Objekt mit „thread“ und einer Liste „comments“ mit „id“. "
            "Nichts geschrieben. Stellen Sie die Datei wieder her (git checkout -- {path})."
        ),
    },
    "en": {
        "empty_queue": "No comments are waiting for a decision.",
        "approved": "Comment {id} approved. Visible now (live) and after the next pull.",
        "rejected": "Comment {id} rejected ({reason}).",
        "replied": "Reply {id} by {profile} stored and approved.",
        "purged": "{count} rejected comments deleted (older than {days} days).",
        "pulled": (
            "{comments} comments in {files} files written to {folder}, {removed} removed; "
            "figures to {figures}."
        ),
        "no_comment": "There is no comment with id {id}. The ids are shown by: comments list.",
        "bad_profile": (
            "--as {profile!r} is not a profile slug. Expected lower-case letters, digits and "
            "hyphens as in the profile, e.g. anna-muster."
        ),
        "bad_reply": "--text is empty or longer than {limit} characters.",
        "rejected_parent": "Comment {id} is rejected; nobody can reply to it.",
        "refused": "Nothing written. The database holds less than the repository:",
        "missing": "{path}: comment {comment_id} is not in the database.",
        "lower": (
            "comment-figures.json, '{figure}': {repo} in the repository, {backend} in the database."
        ),
        "advice": (
            "This is a reset, empty or wrong database. Set FACES_DB to the running backend's "
            "database. Only if the repository's state is really to be replaced: the same "
            "command with --replace."
        ),
        "not_json": (
            "{path}:{line}: not valid JSON ({reason}). Nothing written. Restore the file "
            "(git checkout -- {path})."
        ),
        "bad_shape": (
            "{path}: expected an object with 'thread' and a list 'comments' with 'id'. Nothing "
            "written. Restore the file (git checkout -- {path})."
        ),
    },
}


def say(language: Language, key: str, **values: object) -> str:
    """Return one operator message with its placeholders filled."""
    return _TEXTS[language][key].format(**values)
