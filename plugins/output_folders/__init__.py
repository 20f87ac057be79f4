"""Make output folders in a background thread while the pages render (prefix OUTPUT_FOLDERS_)."""

from .plugin import register

__all__ = ["register"]
