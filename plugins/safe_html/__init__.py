"""Autoescaped templates: reader HTML marked as Markup in one place, summaries sanitised."""

from .plugin import register

__all__ = ["register"]
