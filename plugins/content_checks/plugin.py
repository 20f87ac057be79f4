"""Wire the header checks into Pelican's readers."""

from __future__ import annotations

from typing import Any

from pelican import signals

from .reader import CheckedMarkdownReader

DEFAULTS: dict[str, Any] = {
    # Language of problem reports: "de" or "en"; None follows DEFAULT_LANG.
    "CHECKS_LANGUAGE": None,
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
    # Further controlled fields: {"field": ["allowed", "values"]}.
    "CHECKS_CHOICES": {},
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if settings["CHECKS_LANGUAGE"] is None:
        settings["CHECKS_LANGUAGE"] = "en" if settings["DEFAULT_LANG"] == "en" else "de"
    if settings["CHECKS_LANGUAGE"] not in ("de", "en"):
        raise ValueError(
            f"CHECKS_LANGUAGE has value {settings['CHECKS_LANGUAGE']!r}. Expected 'de' or 'en'."
        )
    for key in ("CHECKS_FIELDS", "CHECKS_EXTRA_FIELDS", "CHECKS_REPEATABLE_FIELDS"):
        if any(name != name.lower() for name in settings[key]):
            raise ValueError(f"{key} has value {settings[key]!r}. Write field names in lower case.")


def use_checked_reader(readers: Any) -> None:
    """Read Markdown through the checking reader."""
    # Signal receivers stay connected for the whole process; a later Pelican run that does
    # not enable this plugin has no CHECKS_ settings and keeps Pelican's own reader.
    if "CHECKS_FIELDS" not in readers.settings:
        return
    for extension in CheckedMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CheckedMarkdownReader


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.readers_init.connect(use_checked_reader)
