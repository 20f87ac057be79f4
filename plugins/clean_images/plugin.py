"""Signal wiring: post images go out re-encoded, without metadata."""

from __future__ import annotations

from typing import Any

from faces_common.messages import merge_messages_lang
from faces_common.receivers import generator_receiver
from faces_common.settings import merge_defaults
from pelican import signals

from .clean import is_image
from .config import DEFAULTS, validate
from .covers import describe_covers
from .generator import IMAGES_KEY, CleanImagesGenerator


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    merge_messages_lang(settings, deprecated="CLEAN_IMAGES_LANGUAGE")
    validate(settings)


def take_images(generators: list[Any]) -> None:
    """Take the images out of Pelican's byte-for-byte copy; the generator writes them clean."""
    context = generators[0].context
    files = context.get("staticfiles", [])
    images = [f for f in files if is_image(f.source_path)]
    # Other plugins (editorial) have already left out what must not be published at all.
    context[IMAGES_KEY] = images
    context["staticfiles"] = [f for f in files if not is_image(f.source_path)]
    for generator in generators:
        if hasattr(generator, "staticfiles"):
            generator.staticfiles = context["staticfiles"]
        if isinstance(generator, CleanImagesGenerator) and images:
            # Encoded on the other cores while Pelican writes the pages.
            generator.start(images)


add_generator = generator_receiver(CleanImagesGenerator)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.article_generator_finalized.connect(describe_covers)
    signals.all_generators_finalized.connect(take_images)
    signals.get_generators.connect(add_generator)
