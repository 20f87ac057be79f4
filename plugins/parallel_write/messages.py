"""What a build says when a second writing process fails, German and English."""

from __future__ import annotations

from faces_common.messages import catalog_text

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # key: (what is wrong, how to fix it)
    "de": {
        "failed": (
            "Der zweite Prozess, der Seiten schreibt (pid {pid}), konnte {page} nicht schreiben: "
            "{error}",
            "Bauen Sie erneut; schlägt es wieder fehl, setzen Sie in pelicanconf.py "
            "PARALLEL_WRITE_PROCESSES = 1, dann schreibt der Build jede Seite selbst und nennt "
            "den Fehler mit seiner Stelle.",
        ),
        "died": (
            "Der zweite Prozess, der Seiten schreibt (pid {pid}), endete, bevor er alle seine "
            "Seiten geschrieben hatte ({how}).",
            "Bauen Sie erneut (fehlte Arbeitsspeicher?); oder setzen Sie in pelicanconf.py "
            "PARALLEL_WRITE_PROCESSES = 1, dann schreibt der Build alle Seiten in einem Prozess.",
        ),
    },
    "en": {
        "failed": (
            "The second process writing pages (pid {pid}) could not write {page}: {error}",
            "Build again; if it fails again, set PARALLEL_WRITE_PROCESSES = 1 in pelicanconf.py, "
            "so that the build writes every page itself and names the error with its place.",
        ),
        "died": (
            "The second process writing pages (pid {pid}) ended before it had written all its "
            "pages ({how}).",
            "Build again (was memory short?); or set PARALLEL_WRITE_PROCESSES = 1 in "
            "pelicanconf.py, so that the build writes every page in one process.",
        ),
    },
}


class ParallelWriteError(RuntimeError):
    """A process writing a share of the pages failed; the build must not pass."""


def failure(lang: str, key: str, **values: object) -> ParallelWriteError:
    """The error that stops the build, in the report language, with its fix."""
    message, fix = catalog_text(MESSAGES, lang, key, **values)
    return ParallelWriteError(f"{message} ({fix})")
