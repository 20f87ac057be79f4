"""Idea polls in posts: readers vote and suggest, the company reports its decision (POLLS_)."""

from .plugin import register

__all__ = ["register"]
