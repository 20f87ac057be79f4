"""Settings of the reach plugin and its place in Pelican's run."""

from __future__ import annotations

from typing import Any

from faces_common.receivers import generator_receiver
from faces_common.settings import is_endpoint, is_whole_number, merge_defaults, setting_error
from pelican import signals

from .generator import ReachGenerator

DEFAULTS: dict[str, Any] = {
    # Where pages report a view, on the site's own origin, e.g. "/api/views" (the backend's
    # POST /views; the <noscript> image asks for "<endpoint>.gif"). None: nothing is sent,
    # no manifest is written and no figures are shown.
    "REACH_ENDPOINT": None,
    # The counts pulled from the backend by `invoke reach-pull`, relative to PATH.
    "REACH_DATA_PATH": "data/views.json",
    # Where the build writes the list of countable pages for the backend, relative to the output.
    "REACH_MANIFEST_SAVE_AS": "reach/manifest.json",
    # The figures of the transparency page as JSON for download, relative to the output;
    # "" writes none. Only what the site shows anyway: totals, months, pages, departments.
    "REACH_FIGURES_SAVE_AS": "reach/figures.json",
    # "Recent" reads cover this many days, up to the day the counts were pulled.
    "REACH_WINDOW_DAYS": 90,
    # How many months the "views per month" chart of the transparency page shows.
    "REACH_MONTHS": 12,
    # How many posts the "most read" list of the transparency page shows.
    "REACH_TOP_POSTS": 10,
    # Show each post's own count on the post (the author page shows them in any case).
    "REACH_POST_COUNTS": True,
    # The page that explains the counting: its slug, optionally with "#section"; "" for none.
    "REACH_PRIVACY_PAGE": "datenschutz#reichweite",
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    validate(settings)


def validate(settings: dict[str, Any]) -> None:
    """Raise ValueError naming the first REACH_* setting that cannot work."""
    endpoint = settings["REACH_ENDPOINT"]
    if endpoint is not None and not is_endpoint(endpoint, same_origin=True):
        # An absolute URL would send every reader's visit to another host.
        raise setting_error(
            "REACH_ENDPOINT", endpoint, "None or a path on the site's origin, e.g. '/api/views'"
        )
    data_path = settings["REACH_DATA_PATH"]
    if not isinstance(data_path, str) or not data_path.endswith(".json"):
        raise setting_error(
            "REACH_DATA_PATH", data_path, "a JSON file path such as 'data/views.json'"
        )
    save_as = settings["REACH_MANIFEST_SAVE_AS"]
    if not isinstance(save_as, str) or not save_as.endswith(".json") or save_as.startswith("/"):
        raise setting_error("REACH_MANIFEST_SAVE_AS", save_as, "a relative path ending in .json")
    figures = settings["REACH_FIGURES_SAVE_AS"]
    if not isinstance(figures, str) or (
        figures and (not figures.endswith(".json") or figures.startswith("/"))
    ):
        raise setting_error(
            "REACH_FIGURES_SAVE_AS", figures, "'' or a relative path ending in .json"
        )
    for key, low, high in (
        ("REACH_WINDOW_DAYS", 1, 3660),
        ("REACH_MONTHS", 1, 120),
        ("REACH_TOP_POSTS", 1, 100),
    ):
        value = settings[key]
        if not is_whole_number(value, low, high):
            raise setting_error(key, value, f"a whole number from {low} to {high}")
    if not isinstance(settings["REACH_POST_COUNTS"], bool):
        raise setting_error("REACH_POST_COUNTS", settings["REACH_POST_COUNTS"], "True or False")
    privacy = settings["REACH_PRIVACY_PAGE"]
    if not isinstance(privacy, str):
        raise setting_error(
            "REACH_PRIVACY_PAGE", privacy, "a page slug, e.g. 'datenschutz#reichweite', or ''"
        )


add_generator = generator_receiver(ReachGenerator)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(add_generator)
