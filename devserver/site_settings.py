"""Settings files that build the project's site, theme and plugins over another content folder."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def settings_over(
    content: Path, *, base: str = "pelicanconf", cache: Path | None = None, **overrides: object
) -> str:
    """The text of a settings file: `base` settings with this content, then the overrides."""
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(ROOT)!r})",
        f"from {base} import *  # noqa: F403",
        f"PATH = {str(content)!r}",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
    ]
    if cache is not None:
        # A cache of its own, never read back: each build starts from the sources.
        lines += [f"CACHE_PATH = {str(cache)!r}", "LOAD_CONTENT_CACHE = False"]
    lines += [f"{name} = {value!r}" for name, value in overrides.items()]
    return "\n".join(lines) + "\n"
