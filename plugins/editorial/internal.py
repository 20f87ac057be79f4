"""Images of internal posts: left out of the public build, flagged when a public post shows them."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any

from content_checks.problems import WARNING, Problem

from .corpus import Source, read_sources
from .images import image_uses
from .messages import text

logger = logging.getLogger(__name__)


def internal_only_images(sources: Sequence[Source]) -> set[str]:
    """Content-relative paths of images that only internal posts and pages show."""
    internal: set[str] = set()
    public: set[str] = set()
    for source in sources:
        paths = {use.path for use in image_uses(source)}
        (internal if source.internal else public).update(paths)
    return internal - public


def shared_image_problems(sources: Sequence[Source]) -> list[Problem]:
    """A warning where a public post shows an image that an internal post also shows."""
    owners: dict[str, Source] = {}
    for source in sources:
        if source.internal:
            for use in image_uses(source):
                owners.setdefault(use.path, source)
    problems = []
    for source in sources:
        if source.internal:
            continue
        for use in image_uses(source):
            if use.path in owners:
                message, fix = text(
                    source.settings["CHECKS_LANGUAGE"],
                    "internal_image_public",
                    target=use.path,
                    other=owners[use.path].shown,
                )
                problems.append(
                    Problem(
                        source.shown,
                        use.line,
                        message,
                        fix,
                        WARNING,
                        use.column,
                        rule="internal_image_public",
                    )
                )
    return problems


def drop_internal_images(generator: Any) -> None:
    """In the public build, do not copy images that only internal posts show."""
    settings = generator.settings
    # Without the visibility plugin internal posts are published, and so are their images.
    if settings.get("VISIBILITY_AUDIENCE", "internal") != "public":
        return
    hidden = internal_only_images(read_sources(settings))
    if not hidden:
        return
    kept = [
        static
        for static in generator.staticfiles
        if static.relative_source_path.replace(os.sep, "/") not in hidden
    ]
    logger.info(
        "editorial: %d image(s) of internal posts left out", len(generator.staticfiles) - len(kept)
    )
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept
    for path in hidden:
        generator.context["static_content"].pop(path.replace("/", os.sep), None)
