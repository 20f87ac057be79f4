"""Make every post's, page's, tag's and category's output folder ahead of the writer.

Our addresses are folders (``2025/ein-beitrag/index.html``), so a clean build makes about one
folder per post. On the development machine's disk a new folder costs 0.3–0.6 ms, half a
second for 1,000 posts, which Pelican would spend one folder at a time between rendering
pages. A thread makes them all while the first pages render: the system calls release
Python's lock, so the two overlap. The writer still makes any folder it needs itself
(``exist_ok``), so a folder the thread has not reached yet costs nothing but time.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from faces_common.settings import merge_defaults, setting_error
from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # False leaves every folder to Pelican's writer (one at a time, as it writes the page).
    "OUTPUT_FOLDERS_AHEAD": True,
}

# Context lists of content objects, and of (tag or category, posts) pairs, whose save_as
# Pelican's own generators write.
_CONTENT_KEYS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
)
_GROUP_KEYS = ("tags", "categories", "authors")

# Threads of builds still writing; a build waits for its own at `finalized`.
_running: list[threading.Thread] = []


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS once and check them."""
    finish(pelican)  # a thread left by a build that crashed ends before this one cleans up
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    if not isinstance(settings["OUTPUT_FOLDERS_AHEAD"], bool):
        raise setting_error(
            "OUTPUT_FOLDERS_AHEAD", settings["OUTPUT_FOLDERS_AHEAD"], "True or False"
        )


def folders_of(context: Mapping[str, Any], output: str) -> list[str]:
    """The distinct output folders of the context's posts, pages, tags and categories."""
    root = os.path.abspath(output)
    folders = set()
    for save_as in _save_as_paths(context):
        folder = os.path.normpath(os.path.join(root, os.path.dirname(save_as)))
        # A save_as that climbs out of the output folder is the writer's to refuse.
        if folder != root and folder.startswith(root + os.sep):
            folders.add(folder)
    return sorted(folders)


def make_folders(folders: Iterable[str]) -> None:
    """Make each folder with its parents; one that cannot be made is left to the writer."""
    for folder in folders:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            logger.debug("output_folders: %s left to the writer (%s)", folder, error)


def start(generators: list[Any]) -> None:
    """Start making this build's output folders in a background thread."""
    if not generators:
        return
    settings = generators[0].settings
    # Receivers stay connected for the whole process; a build without the plugin is left alone.
    if __package__ not in settings.get("PLUGINS", ()) or not settings["OUTPUT_FOLDERS_AHEAD"]:
        return
    folders = folders_of(generators[0].context, settings["OUTPUT_PATH"])
    thread = threading.Thread(
        target=make_folders, args=(folders,), name="output_folders", daemon=True
    )
    thread.start()
    _running.append(thread)


def finish(pelican: Any) -> None:
    """Wait for the folder thread, so no folder appears after the build has ended."""
    while _running:
        _running.pop().join()


def _save_as_paths(context: Mapping[str, Any]) -> Iterator[str]:
    for key in _CONTENT_KEYS:
        for item in context.get(key) or ():
            if getattr(item, "save_as", ""):
                yield item.save_as
    for key in _GROUP_KEYS:
        for entry in context.get(key) or ():
            group = entry[0] if isinstance(entry, tuple) else entry
            if getattr(group, "save_as", ""):
                yield group.save_as


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(start)
    signals.finalized.connect(finish)
