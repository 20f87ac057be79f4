"""Rules for what becomes a path in the output: the slug, Save_as, Url and Template."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from faces_common.header import Header
from faces_common.problems import ERROR, WARNING, Problem
from faces_common.slugs import SLUG_MAX_LENGTH, capped_slug, slug_for, slugify_title

from .messages import text

# Letters (any script), digits, '-' and '_': what slugify makes, and nothing that leaves a folder.
_SLUG = re.compile(r"^[\w-]+$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def address_problems(header: Header, path: str, settings: Mapping[str, Any]) -> list[Problem]:
    """Problems with the address a post or page gets, and with the template it names."""
    lang = settings["MESSAGES_LANG"]

    def problem(line: int, key: str, severity: str = ERROR, **values: object) -> Problem:
        message, fix = text(lang, key, **values)
        return Problem(path, line, message, fix, severity, rule=key)

    problems = []
    slug, title = header.first("slug"), header.first("title")
    if slug and slug.value:
        suggestion = slug_for(slug.value, settings) or "mein-beitrag"
        if not _SLUG.match(slug.value):
            problems.append(problem(slug.line, "bad_slug", value=slug.value, suggestion=suggestion))
        elif len(slug.value) > SLUG_MAX_LENGTH:
            problems.append(
                problem(
                    slug.line,
                    "long_slug",
                    length=len(slug.value),
                    limit=SLUG_MAX_LENGTH,
                    suggestion=capped_slug(slug.value),
                )
            )
    elif title and title.value and settings["SLUGIFY_SOURCE"] == "title":
        # A slug becomes a folder name and part of file names ("File name too long").
        full = slugify_title(title.value, settings)
        if capped_slug(full) != full:
            short = capped_slug(full)
            problems.append(
                problem(title.line, "long_title", WARNING, limit=SLUG_MAX_LENGTH, slug=short)
            )
    for key in ("save_as", "url"):
        field = header.first(key)
        if field and field.value and _leaves_output(field.value):
            problems.append(problem(field.line, "unsafe_path", field=field.name, value=field.value))
    template = header.first("template")
    if template and template.value:
        available = _templates(settings)
        if template.value not in available:
            problems.append(
                problem(
                    template.line,
                    "unknown_template",
                    value=template.value,
                    available=", ".join(sorted(available)),
                )
            )
    return problems


def _leaves_output(value: str) -> bool:
    if _SCHEME.match(value):
        return True  # another site: the post's card would lead readers away
    normal = posixpath.normpath(value.replace("\\", "/"))
    return value.startswith(("/", "\\")) or normal == ".." or normal.startswith("../")


def _templates(settings: Mapping[str, Any]) -> set[str]:
    # Where Pelican's template loader looks: the overrides first, then the theme.
    folders = [*settings.get("THEME_TEMPLATES_OVERRIDES", []), Path(settings["THEME"], "templates")]
    return {p.stem for folder in folders for p in Path(folder).glob("*.html")}
