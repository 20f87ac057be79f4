"""What the pulls tell the operator, in German (default) or English (`--lang en`)."""

from __future__ import annotations

from pathlib import Path

from faces_backend.http.setting_values import Language
from faces_backend.pulls.merge import Shortfall

# At most this many shortfalls are listed; the rest is counted.
SHOWN = 8

_TEXTS: dict[Language, dict[str, str]] = {
    "de": {
        "refused": (
            "Nichts geschrieben. Die Datenbank {db} (FACES_DB) hat weniger als {target} im "
            "Repository:"
        ),
        "poll": "Umfrage „{key}“: {repo} im Repository, {backend} in der Datenbank.",
        "option": (
            "Umfrage „{key}“, Option „{detail}“: {repo} im Repository, {backend} in der Datenbank."
        ),
        "views": "{key} am {detail}: {repo} im Repository, {backend} in der Datenbank.",
        "suggestion": (
            "Vorschlag {key} (Umfrage „{detail}“): im Repository „{repo}“, in der Datenbank "
            "„{backend}“."
        ),
        "more": "… und {count} weitere Stellen.",
        "advice": (
            "Das ist eine zurückgesetzte, leere oder falsche Datenbank. Setzen Sie FACES_DB "
            "(bei invoke: --db) auf die Datenbank des laufenden Backends und rufen Sie den "
            "Befehl noch einmal auf. Nur wenn der Stand im Repository wirklich ersetzt werden "
            "soll: derselbe Befehl mit --replace."
        ),
        "not_json": (
            "{path}:{line}: Die Datei ist kein gültiges JSON ({reason}). Nichts geschrieben. "
            "Stellen Sie sie wieder her (git checkout -- {path}) oder ersetzen Sie sie bewusst "
            "mit --replace."
        ),
        "bad_shape": (
            "{path}: „{where}“ hat nicht die erwartete Form ({expected}). Nichts geschrieben. "
            "Stellen Sie die Datei wieder her (git checkout -- {path}) oder ersetzen Sie sie "
            "bewusst mit --replace."
        ),
        "no_database": (
            "FACES_DB ist „{db}“, diese Datei gibt es nicht. Nötig ist die Datenbankdatei des "
            "laufenden Backends (bei invoke: --db)."
        ),
        "not_database": (
            "FACES_DB ist „{db}“, das ist keine SQLite-Datenbank des Backends ({reason}). "
            "Nichts geschrieben. Nötig ist die Datenbankdatei des laufenden Backends (bei "
            "invoke: --db)."
        ),
        "results": "Stand von {polls} nach {path} geschrieben.",
        "pending": "{pending} in {path}.",
        "views_written": "{views} von {pages} nach {path} geschrieben.",
    },
    "en": {
        "refused": "Nothing written. The database {db} (FACES_DB) holds less than {target}:",
        "poll": "poll '{key}': {repo} in the repository, {backend} in the database.",
        "option": (
            "poll '{key}', option '{detail}': {repo} in the repository, {backend} in the database."
        ),
        "views": "{key} on {detail}: {repo} in the repository, {backend} in the database.",
        "suggestion": (
            "suggestion {key} (poll '{detail}'): '{repo}' in the repository, '{backend}' in "
            "the database."
        ),
        "more": "… and {count} more.",
        "advice": (
            "This is a reset, empty or wrong database. Point FACES_DB (invoke: --db) at the "
            "database of the running backend and run the command again. Only if the "
            "repository's state should really be replaced: the same command with --replace."
        ),
        "not_json": (
            "{path}:{line}: the file is not valid JSON ({reason}). Nothing written. Restore it "
            "(git checkout -- {path}) or replace it on purpose with --replace."
        ),
        "bad_shape": (
            "{path}: '{where}' does not have the expected shape ({expected}). Nothing written. "
            "Restore the file (git checkout -- {path}) or replace it on purpose with --replace."
        ),
        "no_database": (
            "FACES_DB has value '{db}', which does not exist. Expected the database file of "
            "the running backend."
        ),
        "not_database": (
            "FACES_DB has value '{db}', which is not a SQLite database of the backend "
            "({reason}). Nothing written. Expected the database file of the running backend."
        ),
        "results": "Wrote the results of {polls} to {path}.",
        "pending": "{pending} in {path}.",
        "views_written": "Wrote {views} of {pages} to {path}.",
    },
}


# What is counted: one noun a line, its (one, several) in each language side by side.
_NOUNS: dict[str, dict[Language, tuple[str, str]]] = {
    "vote": {"de": ("Stimme", "Stimmen"), "en": ("vote", "votes")},
    "view": {"de": ("Aufruf", "Aufrufe"), "en": ("view", "views")},
    "page": {"de": ("Seite", "Seiten"), "en": ("page", "pages")},
    "poll": {"de": ("Umfrage", "Umfragen"), "en": ("poll", "polls")},
    "pending": {
        "de": ("offener Vorschlag", "offene Vorschläge"),
        "en": ("pending suggestion", "pending suggestions"),
    },
}
# The noun of the repository's figure in each kind of shortfall that counts something.
_SHORTFALL_NOUNS = {"poll": "vote", "option": "vote", "views": "view"}


def counted(lang: Language, count: int, noun: str) -> str:
    """Return a count with its noun in the right number: '1 Stimme', '3 Stimmen'."""
    one, several = _NOUNS[noun][lang]
    return f"{count} {one if count == 1 else several}"


def text(lang: Language, message: str, **values: object) -> str:
    """Return one message in the language, filled in."""
    return _TEXTS[lang][message].format(**values)


def refusal(lang: Language, db: Path, target: Path, shortfalls: list[Shortfall]) -> str:
    """Return the whole refusal: what the database lacks, where, and what to do."""
    lines = [text(lang, "refused", db=db.resolve(), target=target)]
    for item in shortfalls[:SHOWN]:
        noun = _SHORTFALL_NOUNS.get(item.kind)
        repo = counted(lang, int(item.repo), noun) if noun else item.repo
        values = {"key": item.key, "detail": item.detail, "repo": repo}
        lines.append("  - " + text(lang, item.kind, backend=item.backend, **values))
    if len(shortfalls) > SHOWN:
        lines.append("  " + text(lang, "more", count=len(shortfalls) - SHOWN))
    lines.append(text(lang, "advice"))
    return "\n".join(lines)
