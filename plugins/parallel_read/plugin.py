"""Settings, and the moment a generator hands the reading of its files to a second process."""

from __future__ import annotations

import functools
import logging
from typing import Any

from faces_common.background import usable_cores
from faces_common.messages import messages_lang
from faces_common.settings import is_whole_number, merge_defaults, setting_error
from pelican import signals

from .sharing import SharedReading

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # How many processes read the posts and pages Pelican's content cache does not hold: None
    # takes two when the build may use two cores or more; 1 reads every file in the build
    # process, as Pelican does.
    "PARALLEL_READ_PROCESSES": None,
    # A second process is forked only when at least this many files are to be read (a fork
    # and its pipe cost about as much as reading a few posts).
    "PARALLEL_READ_MIN_FILES": 50,
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS once and check them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    chosen = settings["PARALLEL_READ_PROCESSES"]
    if chosen is not None and not is_whole_number(chosen, 1, 2):
        raise setting_error("PARALLEL_READ_PROCESSES", chosen, "None (two cores if usable), 1 or 2")
    if not is_whole_number(settings["PARALLEL_READ_MIN_FILES"], 1):
        raise setting_error(
            "PARALLEL_READ_MIN_FILES", settings["PARALLEL_READ_MIN_FILES"], "a whole number >= 1"
        )


def processes_for(settings: dict[str, Any]) -> int:
    """How many processes read this build's files."""
    chosen = settings["PARALLEL_READ_PROCESSES"]
    return min(usable_cores(), 2) if chosen is None else int(chosen)


def share_articles(generator: Any) -> None:
    """Let the article generator read its files through two processes."""
    _share(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def share_pages(generator: Any) -> None:
    """Let the page generator read its files through two processes."""
    _share(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def _share(generator: Any, paths: str, excludes: str) -> None:
    settings = generator.settings
    # Receivers stay connected for the whole process; a build without the plugin is left alone.
    if __package__ not in settings.get("PLUGINS", ()) or processes_for(settings) < 2:
        return
    generator.generate_context = functools.partial(
        _generate_context,
        generator.generate_context,
        SharedReading(
            generator,
            (settings[paths], settings[excludes]),
            settings["PARALLEL_READ_MIN_FILES"],
            messages_lang(settings),
        ),
    )


def _generate_context(generate_context: Any, reading: SharedReading) -> None:
    """The generator's own generate_context, reading through the second process."""
    reading.install()
    try:
        generate_context()
    finally:
        reading.finish()


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.article_generator_init.connect(share_articles)
    signals.page_generator_init.connect(share_pages)
