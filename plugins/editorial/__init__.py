"""Employees' and editors' workflow: checks, new posts, review page (prefix EDITORIAL_)."""

from .plugin import register

__all__ = ["register"]
