"""The faces of the company: profiles, author pages, the faces wall (settings prefix AUTHORS_)."""

from .plugin import register

__all__ = ["register"]
