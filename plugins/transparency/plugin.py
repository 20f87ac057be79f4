"""Settings of the transparency page and its place in Pelican's run."""

from __future__ import annotations

from typing import Any

from faces_common.messages import merge_messages_lang
from faces_common.receivers import generator_receiver
from faces_common.settings import is_whole_number, merge_defaults, setting_error
from pelican import signals

from .generator import TransparencyGenerator, parse_today

DEFAULTS: dict[str, Any] = {
    # Where the page is written; "transparency/index.html" for an English site.
    "TRANSPARENCY_SAVE_AS": "transparenz/index.html",
    # Its address relative to SITEURL; base.html shows the nav link when this is set.
    "TRANSPARENCY_URL": "transparenz/",
    # How many months the cadence charts cover, the current month included.
    "TRANSPARENCY_MONTHS": 24,
    # Slug of the page with the editorial guidelines ("" for none).
    "TRANSPARENCY_EDITORIAL_PAGE": "redaktionsleitfaden",
    # Read first-commit dates from git for posts without a `Submitted:` field.
    "TRANSPARENCY_GIT": True,
    # Seconds git may take before the history counts as unavailable.
    "TRANSPARENCY_GIT_TIMEOUT": 30,
    # Allowed types of `Correction:` entries, in the order the page lists them.
    "TRANSPARENCY_CORRECTION_TYPES": ["correction", "clarification", "retraction"],
    # The date the figures are computed for ("YYYY-MM-DD" or a date); None means today in
    # TIMEZONE. Tests and reproducible builds fix it.
    "TRANSPARENCY_TODAY": None,
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    merge_messages_lang(settings)
    save_as = settings["TRANSPARENCY_SAVE_AS"]
    if not isinstance(save_as, str) or not save_as.endswith(".html"):
        raise setting_error("TRANSPARENCY_SAVE_AS", save_as, "an output path ending in .html")
    if not isinstance(settings["TRANSPARENCY_URL"], str) or not settings["TRANSPARENCY_URL"]:
        raise setting_error(
            "TRANSPARENCY_URL", settings["TRANSPARENCY_URL"], "a URL such as 'transparenz/'"
        )
    months = settings["TRANSPARENCY_MONTHS"]
    if not is_whole_number(months, 1, 240):
        raise setting_error("TRANSPARENCY_MONTHS", months, "a whole number of months from 1 to 240")
    if not isinstance(settings["TRANSPARENCY_EDITORIAL_PAGE"], str):
        raise setting_error(
            "TRANSPARENCY_EDITORIAL_PAGE", settings["TRANSPARENCY_EDITORIAL_PAGE"], "a slug"
        )
    if not isinstance(settings["TRANSPARENCY_GIT"], bool):
        raise setting_error("TRANSPARENCY_GIT", settings["TRANSPARENCY_GIT"], "True or False")
    timeout = settings["TRANSPARENCY_GIT_TIMEOUT"]
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise setting_error("TRANSPARENCY_GIT_TIMEOUT", timeout, "a positive number of seconds")
    types = settings["TRANSPARENCY_CORRECTION_TYPES"]
    if (
        not isinstance(types, list | tuple)
        or not types
        or any(not isinstance(t, str) or t != t.lower() or not t for t in types)
    ):
        raise setting_error(
            "TRANSPARENCY_CORRECTION_TYPES", types, "a list of lower-case type names"
        )
    today = settings["TRANSPARENCY_TODAY"]
    if today is not None and parse_today(today) is None:
        raise setting_error("TRANSPARENCY_TODAY", today, "None, a date or 'YYYY-MM-DD'")


add_generator = generator_receiver(TransparencyGenerator)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(add_generator)
