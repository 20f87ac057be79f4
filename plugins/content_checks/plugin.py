"""Wire the header checks into Pelican's readers."""

from __future__ import annotations

import os
from typing import Any

from faces_common.content_lists import ARTICLE_LISTS, PAGE_LISTS
from faces_common.formats import format_of
from faces_common.messages import merge_messages_lang
from faces_common.settings import merge_defaults
from pelican import signals

from .duplicates import Claim, duplicate_slugs
from .reader import checked, filter_reported, forget_reads, report

SAFE_DOCUTILS = {"file_insertion_enabled": False, "raw_enabled": False}

DEFAULTS: dict[str, Any] = {
    # Fields that must be present, per kind of content ("author" means Author or Authors).
    "CHECKS_REQUIRED": {"article": ["title", "date", "category", "author"], "page": ["title"]},
    # Fields Pelican itself understands (lower case).
    "CHECKS_FIELDS": [
        "title",
        "date",
        "modified",
        "category",
        "tags",
        "author",
        "authors",
        "lang",
        "summary",
        "slug",
        "status",
        "save_as",
        "url",
        "template",
        "translation",
        "description",
    ],
    # Fields this site adds on top of Pelican's (lower case).
    "CHECKS_EXTRA_FIELDS": [],
    # Fields that may appear on several lines (each line is one entry).
    "CHECKS_REPEATABLE_FIELDS": ["correction"],
    # Allowed values of Lang:.
    "CHECKS_LANGUAGES": ["de", "en"],
    # Allowed values of Status:.
    "CHECKS_STATUSES": ["published", "draft", "hidden"],
    # Allowed categories of posts; None allows any.
    "CHECKS_CATEGORIES": None,
    # Hosts whose pages posts may embed (<iframe>, <object>, <embed>) or send forms to,
    # e.g. ["www.youtube-nocookie.com"]; readers' browsers contact them when the page opens.
    "CHECKS_EMBED_HOSTS": [],
    # Further controlled fields: {"field": ["allowed", "values"]}.
    "CHECKS_CHOICES": {},
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    merge_messages_lang(settings, deprecated="CHECKS_LANGUAGE")
    for key in ("CHECKS_FIELDS", "CHECKS_EXTRA_FIELDS", "CHECKS_REPEATABLE_FIELDS"):
        if any(name != name.lower() for name in settings[key]):
            raise ValueError(f"{key} has value {settings[key]!r}. Write field names in lower case.")
    # docutils would let a post include any file of the machine that builds the site
    # (".. include:: /proc/self/environ" in CI) and pass raw HTML; a site that wants either
    # sets the key in DOCUTILS_SETTINGS itself.
    settings["DOCUTILS_SETTINGS"] = {**SAFE_DOCUTILS, **(settings.get("DOCUTILS_SETTINGS") or {})}
    filter_reported(pelican)
    forget_reads()


def use_checked_reader(readers: Any) -> None:
    """Read every format (Markdown, reStructuredText, HTML) through the checking readers."""
    # Signal receivers stay connected for the whole process; a later Pelican run that does
    # not enable this plugin has no CHECKS_ settings and keeps Pelican's own reader.
    if "CHECKS_FIELDS" not in readers.settings:
        return
    for extension, reader_class in list(readers.reader_classes.items()):
        if format_of(f"file.{extension}") is not None:
            readers.reader_classes[extension] = checked(reader_class)


def drop_duplicate_articles(generator: Any) -> None:
    """Report posts with an address another post has, and leave them out of the build."""
    _drop_duplicates(generator, ARTICLE_LISTS, "article")


def drop_duplicate_pages(generator: Any) -> None:
    """Report pages with an address another page has, and leave them out of the build."""
    _drop_duplicates(generator, PAGE_LISTS, "page")


def _drop_duplicates(generator: Any, lists: tuple[str, ...], kind: str) -> None:
    if "CHECKS_FIELDS" not in generator.settings:
        return
    items = [item for name in lists for item in getattr(generator, name, [])]
    claims = {
        item.source_path: Claim(item.source_path, kind, item.slug, item.lang) for item in items
    }
    problems = duplicate_slugs(claims.values(), generator.settings)
    report(problems)
    # Pelican would stop the whole build when the second one overwrites the first.
    dropped = {os.path.abspath(p.path) for p in problems}
    for name in lists:
        kept = getattr(generator, name, None)
        if kept is not None:
            kept[:] = [item for item in kept if os.path.abspath(item.source_path) not in dropped]


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.readers_init.connect(use_checked_reader)
    signals.article_generator_pretaxonomy.connect(drop_duplicate_articles)
    signals.page_generator_finalized.connect(drop_duplicate_pages)
