"""Load a site's settings file and its plugins, or say in one line what is wrong with it."""

from __future__ import annotations

import os
from typing import Any

_TEXTS = {
    "de": {
        "missing": "{path}: Diese Einstellungsdatei gibt es nicht. Nennen Sie eine vorhandene "
        "Datei, z. B. --settings pelicanconf.py.",
        "broken": "{path}:{line}: Die Einstellungsdatei lässt sich nicht laden ({error}). "
        "Beheben Sie den Fehler in dieser Zeile oder nennen Sie eine andere Datei mit --settings.",
        "invalid": "{path}: Eine Einstellung ist ungültig: {error} Korrigieren Sie sie in "
        "dieser Datei.",
    },
    "en": {
        "missing": "{path}: This settings file does not exist. Name an existing file, "
        "e.g. --settings pelicanconf.py.",
        "broken": "{path}:{line}: The settings file does not load ({error}). Fix the error on "
        "this line or name another file with --settings.",
        "invalid": "{path}: A setting is not valid: {error} Correct it in this file.",
    },
}


class SettingsFileError(Exception):
    """A settings file that is missing, does not load or holds an invalid value; one line."""


def load_pelican(settings_file: str, overrides: dict[str, Any] | None = None) -> Any:
    """Pelican with the file's settings and every plugin loaded and validated; nothing built."""
    from pelican import Pelican
    from pelican.settings import read_settings

    lang = _language()
    shown = settings_file or "''"
    if not os.path.isfile(settings_file):
        raise SettingsFileError(_TEXTS[lang]["missing"].format(path=shown))
    try:
        settings = read_settings(settings_file, override=overrides or {})
    except Exception as error:
        line = _line_in(settings_file, error)
        message = _TEXTS[lang]["broken"].format(path=shown, line=line, error=_plain(error))
        raise SettingsFileError(message) from error
    try:
        # Creating Pelican loads the plugins; their `initialized` handlers validate settings.
        return Pelican(settings)
    except Exception as error:
        # Plugins raise ValueError naming the key and the value; that is the whole message.
        plain = str(error) if isinstance(error, ValueError) else _plain(error)
        message = _TEXTS[lang]["invalid"].format(path=shown, error=plain)
        raise SettingsFileError(message) from error


def _language() -> str:
    # The settings that would say the language did not load; FACES_LOCALE is what they read.
    return "en" if os.environ.get("FACES_LOCALE", "de").lower().startswith("en") else "de"


def _plain(error: BaseException) -> str:
    if isinstance(error, SyntaxError):
        return f"SyntaxError: {error.msg}"
    text = str(error).rstrip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _line_in(settings_file: str, error: BaseException) -> int:
    """The line of the settings file the error happened on (1 when it is not in a frame)."""
    wanted = os.path.abspath(settings_file)
    if (
        isinstance(error, SyntaxError)
        and error.filename
        and os.path.abspath(error.filename) == (wanted)
    ):
        return error.lineno or 1
    line = 1
    traceback = error.__traceback__
    while traceback is not None:
        if os.path.abspath(traceback.tb_frame.f_code.co_filename) == wanted:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
