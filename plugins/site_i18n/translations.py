"""Translations of one post: grouped by a header naming the slug of the post they translate."""

from __future__ import annotations

from typing import Any

from pelican import signals


def register() -> None:
    """Connect the grouping of translations: each new post's key, then the partners it keeps."""
    signals.content_object_init.connect(set_translation_key)
    signals.article_generator_finalized.connect(keep_published_partners)


def set_translation_key(content: Any) -> None:
    """Give a new post its group: the slug its translation field names, else its own slug."""
    settings = getattr(content, "settings", None) or {}
    field = settings.get("I18N_TRANSLATION_FIELD", "translation-of")
    named = str(getattr(content, "metadata", {}).get(field, "") or "").strip()
    content.translation_key = named or getattr(content, "slug", None) or ""


def keep_published_partners(generator: Any) -> None:
    """Let a post link only to translations written in the same build and state."""
    # Pelican groups published posts and drafts apart, but a partner left out afterwards (an
    # internal post in the public build) would still be named: its link would lead nowhere.
    for published, translated in (
        ("articles", "translations"),
        ("drafts", "drafts_translations"),
        ("hidden_articles", "hidden_translations"),
    ):
        shown = [*getattr(generator, published, []), *getattr(generator, translated, [])]
        kept = {id(item) for item in shown}
        for item in shown:
            item.translations = [other for other in item.translations if id(other) in kept]
