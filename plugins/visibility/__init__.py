"""Keep internal-only posts out of the public site (settings prefix VISIBILITY_)."""

from .plugin import register

__all__ = ["register"]
