"""Two posts (or two pages) must not get the same address: one rule for the build and the check."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from faces_common.formats import format_of, read_source
from faces_common.problems import ERROR, Problem

from .messages import text


@dataclass(frozen=True)
class Claim:
    """A post or page that claims an address: its file, kind, slug and language."""

    source_path: str
    kind: str
    slug: str
    lang: str

    @property
    def shown(self) -> str:
        """The file named from the current folder, as every problem report names it."""
        return os.path.relpath(self.source_path)


def duplicate_slugs(claims: Iterable[Claim], settings: Mapping[str, Any]) -> list[Problem]:
    """An error for each post whose address an earlier one (in file order) already has."""
    lang_apart = _languages_apart(settings)
    first: dict[tuple[str, str, str], Claim] = {}
    problems = []
    for claim in sorted(claims, key=lambda c: c.shown):
        key = (claim.kind, claim.slug, claim.lang if lang_apart[claim.kind] else "")
        if key not in first:
            first[key] = claim
            continue
        message, fix = text(
            settings["MESSAGES_LANG"],
            "duplicate_slug" if lang_apart[claim.kind] else "duplicate_slug_any_lang",
            slug=claim.slug,
            other=first[key].shown,
        )
        line = address_line(claim.source_path)
        problems.append(Problem(claim.shown, line, message, fix, ERROR, rule="duplicate_slug"))
    return problems


def address_line(source_path: str) -> int:
    """The line that gives a file its address: 'Slug:' if present, else the title."""
    format_ = format_of(source_path)
    if format_ is None:
        return 1
    with open(source_path, encoding="utf-8-sig") as source:
        header = read_source(source.read(), format_).header
    field = header.first("slug") or header.first("title")
    return field.line if field else 1


def _languages_apart(settings: Mapping[str, Any]) -> dict[str, bool]:
    # Where a translation is saved under the same pattern as the original (this site: English
    # posts are posts of their own), another language does not make another address.
    return {
        "article": settings.get("ARTICLE_LANG_SAVE_AS") != settings.get("ARTICLE_SAVE_AS"),
        "page": settings.get("PAGE_LANG_SAVE_AS") != settings.get("PAGE_SAVE_AS"),
    }
