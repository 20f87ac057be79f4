"""Refuse to publish without a real address: the one line `invoke publish|intranet` says."""

from __future__ import annotations

import logging

from .messages import messages_lang

_TEXTS = {
    "de": (
        "{settings}: {variable} ist nicht gesetzt; ohne die Adresse der Website wären alle Links "
        "und Canonical-Tags falsch. Setzen Sie sie, z. B. "
        "{variable}={example} uv run invoke {task}"
    ),
    "en": (
        "{settings}: {variable} is not set; without the site's address every link and "
        "canonical tag would be wrong. Set it, e.g. {variable}={example} uv run invoke {task}"
    ),
}
# The address each build reads from the environment, with an example for the message.
ADDRESSES = {
    "publish": ("SITEURL", "https://blog.example.com"),
    "intranet": ("INTRANET_SITEURL", "https://intranet.example.com/blog"),
}


def missing_address(settings_file: str, task: str) -> str:
    """The refusal when the settings give the site no SITEURL, else ''."""
    from pelican.settings import read_settings

    # Pelican warns about feeds without SITEURL while reading; the refusal says it better.
    logging.disable(logging.WARNING)
    try:
        settings = read_settings(settings_file)
    except Exception:
        # A broken settings file is the build's to report, with its file and line.
        return ""
    finally:
        logging.disable(logging.NOTSET)
    if str(settings.get("SITEURL") or "").strip():
        return ""
    variable, example = ADDRESSES[task]
    lang = messages_lang(settings)
    return _TEXTS[lang].format(
        settings=settings_file, variable=variable, example=example, task=task
    )
