"""schema.org records of the people a post names, for its JSON-LD."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .resolve import display_name, find_profile


def schema_person(context: Mapping[str, Any], author: Any, site_base: str) -> dict[str, Any]:
    """A schema.org Person for an author or a credited person; a guest names their organisation."""
    person: dict[str, Any] = {"@type": "Person", "name": display_name(context, author)}
    url = getattr(author, "url", "")
    if url:
        person["url"] = f"{site_base}/{url}"
    profile = find_profile(context, author)
    if profile is not None and profile.is_guest and profile.organisation:
        person["affiliation"] = {"@type": "Organization", "name": profile.organisation}
    return person
