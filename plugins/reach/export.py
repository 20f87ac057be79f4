"""The reach figures as JSON: what the transparency page shows, for download."""

from __future__ import annotations

from typing import Any

from .figures import Reach
from .pages import Countable, plain_title

FIGURES_VERSION = 1


def figures_document(reach: Reach, titles: dict[str, str]) -> dict[str, Any]:
    """Totals, months, every counted page and the departments; no reader data of any kind."""
    return {
        "version": FIGURES_VERSION,
        "as_of": reach.as_of.isoformat(),
        "window_days": reach.window_days,
        "recent": reach.recent,
        "total": reach.total,
        "months": [{"month": m.month.strftime("%Y-%m"), "views": m.views} for m in reach.months],
        "pages": [
            {
                "path": path,
                "title": titles.get(path),
                "recent": counts.recent,
                "total": counts.total,
            }
            for path, counts in sorted(reach.paths.items())
        ],
        "departments": None
        if reach.departments is None
        else [
            {
                "department": row.key,
                "label": row.label,
                "posts": row.posts,
                "recent": row.recent,
                "total": row.total,
            }
            for row in reach.departments
        ],
    }


def page_titles(pages: list[Countable]) -> dict[str, str]:
    """Each countable page's path and plain title."""
    return {page.path: plain_title(page.content.title) for page in pages}
