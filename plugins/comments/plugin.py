"""Settings of the comments plugin and its place in Pelican's run."""

from __future__ import annotations

from typing import Any

from faces_common.messages import merge_messages_lang
from faces_common.receivers import generator_receiver
from faces_common.settings import is_endpoint, merge_defaults, setting_error
from pelican import signals

from .generator import CommentsGenerator

DEFAULTS: dict[str, Any] = {
    # Site-wide switch: False shows no form anywhere (approved comments stay, marked closed).
    "COMMENTS_ENABLED": True,
    # Where the comment form posts to, e.g. "/api/comments" (the poll backend's origin);
    # None: comments are shown, but no form (pure static hosting).
    "COMMENTS_ENDPOINT": None,
    # An empty name is allowed and shown as "anonym"/"anonymous"; False makes the name required.
    "COMMENTS_ALLOW_ANONYMOUS": True,
    # The approved comments pulled from the backend, one file per thread, relative to PATH.
    "COMMENTS_DATA_PATH": "data/comments",
    # The backend's counts for the transparency page, relative to PATH.
    "COMMENTS_FIGURES_PATH": "data/comment-figures.json",
    # Where the build writes the thread manifest for the backend, relative to the output.
    "COMMENTS_MANIFEST_SAVE_AS": "comments/manifest.json",
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    merge_messages_lang(settings)
    validate(settings)


def validate(settings: dict[str, Any]) -> None:
    """Raise ValueError naming the first COMMENTS_* setting that cannot work."""
    for key in ("COMMENTS_ENABLED", "COMMENTS_ALLOW_ANONYMOUS"):
        if not isinstance(settings[key], bool):
            raise setting_error(key, settings[key], "True or False")
    endpoint = settings["COMMENTS_ENDPOINT"]
    if endpoint is not None and not is_endpoint(endpoint):
        raise setting_error(
            "COMMENTS_ENDPOINT", endpoint, "None or an address such as '/api/comments'"
        )
    for key, ending in (
        ("COMMENTS_DATA_PATH", ""),
        ("COMMENTS_FIGURES_PATH", ".json"),
        ("COMMENTS_MANIFEST_SAVE_AS", ".json"),
    ):
        value = settings[key]
        if (
            not isinstance(value, str)
            or not value
            or value.startswith("/")
            or not value.endswith(ending)
        ):
            raise setting_error(
                key, value, f"a relative path{' ending in ' + ending if ending else ''}"
            )


add_generator = generator_receiver(CommentsGenerator)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(add_generator)
