"""Writing hints (`invoke check --hints`, the review page): suggestions, never errors.

Entry point: `site_hints(settings)`, every hint of every post in German or English as a
`Problem` with severity "hint", sorted by file and line; hints never change an exit code.
"""

from .site import HINT, site_hints

__all__ = ["HINT", "site_hints"]
