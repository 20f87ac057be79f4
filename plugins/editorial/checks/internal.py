"""Images of internal posts: left out of the public build, flagged when a public post shows them."""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Sequence
from typing import Any

from faces_common.problems import WARNING, Problem

from ..messages import text
from .corpus import Source
from .images import ImageUses

logger = logging.getLogger(__name__)


def shared_image_problems(sources: Sequence[Source], uses: ImageUses) -> list[Problem]:
    """A warning where a public post shows an image that an internal post also shows."""
    owners: dict[str, Source] = {}
    for source in sources:
        if source.internal:
            for use in uses[source.file]:
                owners.setdefault(use.path, source)
    if not owners:
        return []
    problems = []
    for source in sources:
        if source.internal:
            continue
        for use in uses[source.file]:
            if use.path in owners:
                message, fix = text(
                    source.settings["MESSAGES_LANG"],
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
    from visibility import is_internal

    # Every post and page Pelican read is here, internal ones too (visibility drops them
    # from the lists only), so nothing is read again; most builds stop at the next line.
    contents = [c for c in generator.context["generated_content"].values() if c is not None]
    internal = [c for c in contents if is_internal(c, settings)]
    hidden = set().union(*(_images_of(c) for c in internal))
    if not hidden:
        return
    internal_ids = {id(c) for c in internal}
    for content in contents:
        if id(content) not in internal_ids:
            hidden -= _images_of(content)
    kept = [s for s in generator.staticfiles if _posix(s.relative_source_path) not in hidden]
    logger.info(
        "editorial: %d image(s) of internal posts left out", len(generator.staticfiles) - len(kept)
    )
    generator.staticfiles = kept
    generator.context["staticfiles"] = kept
    for key in [k for k in generator.context["static_content"] if _posix(k) in hidden]:
        del generator.context["static_content"][key]


def _images_of(content: Any) -> set[str]:
    # {static} and {attach} targets in the body (Pelican's own parsing), and the header image.
    found = {_posix(path) for path in content.get_static_links()}
    header = str(content.metadata.get("image", "")).strip()
    if header:
        found.add(posixpath.normpath(header.lstrip("/")))
    return found


def _posix(path: str) -> str:
    return path.replace(os.sep, "/")
