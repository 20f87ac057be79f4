"""Render a theme fragment once per build and reuse it on every page (prefix FRAGMENT_CACHE_)."""

from .plugin import register

__all__ = ["register"]
