"""A site's settings with every plugin's defaults merged, for work that does not build the site."""

from __future__ import annotations

from typing import Any


def load_settings(settings_file: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read the settings file and let each plugin merge and validate its defaults."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings: dict[str, Any] = read_settings(settings_file, override=overrides or {})
    # Creating Pelican loads the plugins and sends `initialized`; nothing is read or written.
    Pelican(settings)
    return settings
