"""The transparency page: figures about the blog from its own content (prefix TRANSPARENCY_)."""

from .plugin import register

__all__ = ["register"]
