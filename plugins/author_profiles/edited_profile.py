"""One edited profile written again from a kept build, for the preview's quick step."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from faces_common.problems import Problem

from .generator import AuthorProfilesGenerator
from .profile_model import rules_from_settings
from .profiles import _read_one, _Renderer


def rewrite_profile_page(generators: list[Any], source: str, writer: Any) -> list[str] | None:
    """Re-read one profile; if only its text changed, write the person's page again.

    The paths written, or None when the build must do it: the file is not a profile of this
    build, it has problems, or anything besides the text changed (name, role, photo, consent
    and the rest show in bylines, on the wall and on cards as well).
    """
    generator = next((g for g in generators if isinstance(g, AuthorProfilesGenerator)), None)
    if generator is None:
        return None
    path = Path(source)
    kept = generator.profiles.get(path.stem)
    if kept is None or os.path.abspath(kept.source_path) != os.path.abspath(source):
        return None
    if path.stem not in generator.posts or not path.is_file():
        return None
    rules = rules_from_settings(generator.settings)
    problems: list[Problem] = []
    fresh, _photo = _read_one(path, rules, _Renderer(rules.markdown), problems)
    if fresh is None or problems:
        return None
    # The build's own additions: the processed photo, the feed and the card.
    edited = dataclasses.replace(
        generator._with_portrait(dataclasses.replace(fresh, source_path=kept.source_path)),
        social_card=kept.social_card,
    )
    if dataclasses.replace(edited, bio=kept.bio, bio_summary=kept.bio_summary) != kept:
        return None
    generator.profiles[kept.handle] = edited
    return [generator.write_author_page(writer, kept.handle)]


def write_person_page(generators: list[Any], save_as: str, writer: Any) -> list[str] | None:
    """Write the person's page found at save_as again (after a template change); else None."""
    generator = next((g for g in generators if isinstance(g, AuthorProfilesGenerator)), None)
    if generator is None:
        return None
    pattern = generator.settings["AUTHORS_PAGE_SAVE_AS"]
    for handle in generator.posts:
        if pattern.format(slug=handle) == save_as:
            return [generator.write_author_page(writer, handle)]
    return None
