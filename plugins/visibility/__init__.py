"""Keep internal-only posts out of the public site (settings prefix VISIBILITY_).

Public API for other plugins: `is_internal(content, settings)`, whether a post or page is meant
for the intranet only (by its `Visibility:` field and VISIBILITY_INTERNAL_VALUES).
"""

from .plugin import is_internal, register

__all__ = ["is_internal", "register"]
