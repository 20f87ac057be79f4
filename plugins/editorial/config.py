"""A site's settings with every plugin's defaults merged, for work that does not build the site."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from faces_common.settings_file import SettingsFileError, load_pelican

__all__ = ["SettingsFileError", "load_settings", "settings_or_report"]


def load_settings(settings_file: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read the settings file and let each plugin merge and validate its defaults."""
    # Creating Pelican loads the plugins and sends `initialized`; nothing is read or written.
    settings: dict[str, Any] = load_pelican(settings_file, overrides).settings
    return settings


def settings_or_report(settings_file: str, stderr: TextIO | None = None) -> dict[str, Any] | None:
    """The loaded settings, or None once the one line saying what is wrong has been printed."""
    try:
        return load_settings(settings_file)
    except SettingsFileError as error:
        print(error, file=stderr or sys.stderr)
        return None
