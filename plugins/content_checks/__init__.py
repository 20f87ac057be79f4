"""Clear reports of content problems, naming file and line (settings prefix CHECKS_)."""

from .plugin import register

__all__ = ["register"]
