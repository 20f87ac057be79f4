"""Reach: privacy-friendly view counts, fed back to authors and published (REACH_)."""

from .plugin import register

__all__ = ["register"]
