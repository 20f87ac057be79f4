"""Settings of the story intake plugin and its place in Pelican's run."""

from __future__ import annotations

from typing import Any

from faces_common.receivers import generator_receiver
from faces_common.settings import is_endpoint, is_whole_number, merge_defaults, setting_error
from pelican import signals

from .generator import StoryIntakeGenerator

DEFAULTS: dict[str, Any] = {
    # Where the story form posts to, e.g. "/api/stories" (the backend's origin, like
    # POLLS_ENDPOINT and COMMENTS_ENDPOINT); None: no form, no page, no invitations.
    "STORIES_ENDPOINT": None,
    # The address of the page with the full form, and the file it is written to.
    "STORIES_PAGE_URL": "geschichte-vorschlagen/",
    "STORIES_PAGE_SAVE_AS": "geschichte-vorschlagen/index.html",
    # Where the build writes the profiles an accepted story can be assigned to (for the
    # backend's `stories accept --editor` and its queue page), relative to the output.
    "STORIES_MANIFEST_SAVE_AS": "stories/manifest.json",
    # Longest story the form takes, in characters; keep it equal to FACES_STORIES_TEXT_MAX.
    "STORIES_TEXT_MAX": 4000,
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    merge_defaults(pelican.settings, DEFAULTS)
    validate(pelican.settings)


def validate(settings: dict[str, Any]) -> None:
    """Raise ValueError naming the first STORIES_* setting that cannot work."""
    endpoint = settings["STORIES_ENDPOINT"]
    if endpoint is not None and not is_endpoint(endpoint):
        expected = "None or an address such as '/api/stories'"
        raise setting_error("STORIES_ENDPOINT", endpoint, expected)
    for key, ending in (
        ("STORIES_PAGE_URL", "/"),
        ("STORIES_PAGE_SAVE_AS", ".html"),
        ("STORIES_MANIFEST_SAVE_AS", ".json"),
    ):
        value = settings[key]
        if not isinstance(value, str) or value.startswith("/") or not value.endswith(ending):
            raise setting_error(key, value, f"a relative path ending in {ending!r}")
    limit = settings["STORIES_TEXT_MAX"]
    if not is_whole_number(limit, 1):
        raise setting_error("STORIES_TEXT_MAX", limit, "a whole number of at least 1")


add_generator = generator_receiver(StoryIntakeGenerator)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(add_generator)
