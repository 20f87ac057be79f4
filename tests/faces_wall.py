"""What a built faces-wall page (or one of its filter pages) shows."""

from __future__ import annotations

from typing import Any


def visible_names(page: Any) -> list[str]:
    """The names of the wall's people that are not hidden, in page order."""
    return [
        person.select_one(".faces__name").get_text()
        for person in page.select(".faces__person")
        if not person.has_attr("hidden")
    ]
