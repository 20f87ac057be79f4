"""The "suggest a change" address of a post's or profile's file in the repository's web editor."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def install_edit_links(generator: Any) -> None:
    """Give templates suggest_change_url(post_or_path)."""
    if hasattr(generator, "env"):
        generator.env.globals["suggest_change_url"] = functools.partial(
            edit_url, generator.settings
        )


def edit_url(settings: Mapping[str, Any], item: Any) -> str:
    """The web editor's address for a content object or file path; '' without a repository."""
    repository = settings["EDITORIAL_REPOSITORY_URL"]
    source = _source_path(item)
    if not repository or not source:
        return ""
    root = settings["EDITORIAL_REPOSITORY_ROOT"] or Path(settings["PATH"]).resolve().parent
    relative = Path(os.path.relpath(Path(source).resolve(), root)).as_posix()
    return str(settings["EDITORIAL_EDIT_URL"]).format(
        repository=repository.rstrip("/"),
        branch=settings["EDITORIAL_REPOSITORY_BRANCH"],
        path=relative,
    )


def _source_path(item: Any) -> str:
    # Posts and pages carry source_path; profiles may be given as a path or an object with one.
    if isinstance(item, str | os.PathLike):
        return str(os.fspath(item))
    for attribute in ("source_path", "path"):
        value = getattr(item, attribute, None)
        if value:
            return str(os.fspath(value))
    return ""
