"""Write only the pages of changed posts, for the preview's quick rebuild (prefix FAST_PREVIEW_)."""

from .plugin import register

__all__ = ["register"]
