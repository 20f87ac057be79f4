"""Pelican's content cache, safe to keep across builds with other settings or code (no settings).

The preview and the publish build share one cache of what Pelican's readers made of each file;
this plugin drops it when the readers' settings or code changed, and writes it atomically.
"""

from .plugin import register

__all__ = ["register"]
