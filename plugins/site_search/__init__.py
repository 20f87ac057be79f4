"""Finding posts and people: the Pagefind index, the search page, related posts (prefix SEARCH_).

Public API: `build_index(posts)` returns the related-posts index (`.related(post, limit)`,
`.more_by(post, author_slug, limit, shown)`), for benchmarks and tools that need the same lists
the build shows.
"""

from .plugin import register
from .related import build_index

__all__ = ["build_index", "register"]
