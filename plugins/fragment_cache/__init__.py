"""Render a theme fragment once per build and reuse it on every page (prefix FRAGMENT_CACHE_).

Public API: `forget_fragments(context, *parts)`, for the preview that keeps a build and renders
an edited page again: drops the fragments of one source (or all, after a template change).
"""

from .plugin import forget_fragments, register

__all__ = ["forget_fragments", "register"]
