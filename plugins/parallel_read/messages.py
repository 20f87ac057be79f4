"""What a build says when its second reading process ends early, German and English."""

from __future__ import annotations

from faces_common.messages import catalog_text

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # key: (what happened, what to do)
    "de": {
        "died": (
            "Der zweite Prozess, der Beiträge liest (pid {pid}), endete vorzeitig ({how}); "
            "der Build liest die übrigen {left} Dateien selbst, die Seiten bleiben dieselben.",
            "Nichts zu tun, der Build dauert nur länger; endet er öfter (fehlt Arbeitsspeicher?), "
            "setzen Sie in pelicanconf.py PARALLEL_READ_PROCESSES = 1.",
        ),
    },
    "en": {
        "died": (
            "The second process reading posts (pid {pid}) ended early ({how}); the build reads "
            "the other {left} files itself, the pages stay the same.",
            "Nothing to do, the build only takes longer; if it ends early again (is memory "
            "short?), set PARALLEL_READ_PROCESSES = 1 in pelicanconf.py.",
        ),
    },
}


def died(lang: str, **values: object) -> str:
    """The warning for a reading process that ended early, with what to do."""
    message, fix = catalog_text(MESSAGES, lang, "died", **values)
    return f"{message} ({fix})"
