"""Story intake: the "Geschichte vorschlagen" page and invitations (settings prefix STORIES_)."""

from .plugin import register

__all__ = ["register"]
