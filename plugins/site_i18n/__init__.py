"""Interface language and locale-independent dates for the theme (settings prefix I18N_)."""

from .plugin import register

__all__ = ["register"]
