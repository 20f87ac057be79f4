"""Finding posts and people: the Pagefind index, the search page, related posts (prefix SEARCH_).

Public API: `build_index(posts)` returns the related-posts index (`.related(post, limit)`,
`.more_by(post, author_slug, limit, shown)`), for benchmarks and tools that need the same lists
the build shows. For the preview server: `ordered_index(output)`, the index folder a build with
SEARCH_INDEX_ON_REQUEST left to make in `output` (None: nothing ordered), and
`make_ordered_index(output)`, which makes it (None when nothing was ordered or it failed, logged).
"""

from .index_order import make_ordered_index, ordered_index
from .plugin import register
from .related import build_index

__all__ = ["build_index", "make_ordered_index", "ordered_index", "register"]
