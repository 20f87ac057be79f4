"""Write Pelican's post and page output on several cores (prefix PARALLEL_WRITE_)."""

from .plugin import register

__all__ = ["register"]
