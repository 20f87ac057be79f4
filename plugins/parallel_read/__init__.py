"""Read the posts Pelican's cache does not hold on two cores (prefix PARALLEL_READ_)."""

from .plugin import register

__all__ = ["register"]
