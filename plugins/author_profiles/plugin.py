"""Settings, Jinja globals and signal wiring of the author profiles."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Mapping
from typing import Any

from faces_common.content_lists import all_articles
from faces_common.messages import merge_messages_lang
from faces_common.receivers import generator_receiver
from faces_common.settings import is_whole_number, merge_defaults
from pelican import signals

from .generator import PROFILES_KEY, AuthorProfilesGenerator
from .messages import report
from .resolve import attach_authors, display_name, find_profile
from .schema import schema_person

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # Folder inside PATH with one <handle>.md per person and the photo beside it.
    "AUTHORS_DIR": "authors",
    # Departments in the order of the faces wall: key (used in profiles) -> label shown.
    "AUTHORS_DEPARTMENTS": {},
    # Levels from the executive board down: key (used in profiles) -> label shown.
    "AUTHORS_LEVELS": {},
    # Shown in the byline instead of a person who withdrew consent (Status: removed).
    "AUTHORS_REMOVED_LABEL": "Former employee",
    # Where an author page is written; None follows Pelican's AUTHOR_URL (+ "index.html").
    "AUTHORS_PAGE_SAVE_AS": None,
    # Where the faces wall is written; None follows Pelican's AUTHORS_URL (+ "index.html").
    "AUTHORS_WALL_SAVE_AS": None,
    # The wall filtered to one department, and to one level ({key} from the settings above).
    "AUTHORS_DEPARTMENT_URL": "authors/department/{key}/",
    "AUTHORS_DEPARTMENT_SAVE_AS": "authors/department/{key}/index.html",
    "AUTHORS_LEVEL_URL": "authors/level/{key}/",
    "AUTHORS_LEVEL_SAVE_AS": "authors/level/{key}/index.html",
    # The wall filtered to the guests (people outside the company, `Guest: yes`).
    "AUTHORS_GUEST_URL": "authors/guests/",
    "AUTHORS_GUEST_SAVE_AS": "authors/guests/index.html",
    # Heading of the guests' group on the wall and name of their filter.
    "AUTHORS_GUESTS_LABEL": "Guests",
    # The wall filtered to the people who write about one topic ({key}: the tag's slug), for
    # every topic at least AUTHORS_WALL_TOPIC_PEOPLE people on the wall write about; 0 offers
    # no topic filter. (A threshold, not "the top N": a build with more posts, the intranet,
    # then offers every topic page the public build has.)
    "AUTHORS_TOPIC_URL": "authors/topic/{key}/",
    "AUTHORS_TOPIC_SAVE_AS": "authors/topic/{key}/index.html",
    "AUTHORS_WALL_TOPIC_PEOPLE": 2,
    # Atom feed of each person's posts; None writes none.
    "AUTHORS_FEED_ATOM": "feeds/author-{slug}.atom.xml",
    # Output folder of the processed photos (file names carry a hash of their content).
    "AUTHORS_PHOTOS_PATH": "authors/photos",
    # Output folder of the 1200x630 social cards; None draws no cards.
    "AUTHORS_CARDS_PATH": "authors/cards",
    # True: the build names the cards (pages link them) but draws none; the preview server
    # draws each the first time it is asked for (link previews never reach a local preview).
    "AUTHORS_CARDS_ON_REQUEST": False,
    # True: the build checks each photo the cache lacks (the same refusals and warnings, the
    # same pages) but makes none of its files; the preview server makes a photo the first time
    # one of its files is asked for. A publish build makes every photo.
    "AUTHORS_PHOTOS_ON_REQUEST": False,
    # Square photo sizes in pixels, for 1x to 4x screens.
    "AUTHORS_PHOTO_SIZES": [96, 192, 384, 768],
    # Encoder qualities of the photos (1-100).
    "AUTHORS_PHOTO_JPEG_QUALITY": 82,
    "AUTHORS_PHOTO_WEBP_QUALITY": 80,
    # Larger photos are refused with a message instead of exhausting memory.
    "AUTHORS_PHOTO_MAX_MEGAPIXELS": 60.0,
    # Processes for photos and cards; None uses every core.
    "AUTHORS_WORKERS": None,
    # TrueType font for the social cards; None uses the shipped DejaVu Sans Bold.
    "AUTHORS_CARD_FONT": None,
}


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    merge_messages_lang(settings, deprecated="AUTHORS_MESSAGES_LANG")
    for key, url_key in (
        ("AUTHORS_PAGE_SAVE_AS", "AUTHOR_URL"),
        ("AUTHORS_WALL_SAVE_AS", "AUTHORS_URL"),
    ):
        if settings[key] is None:
            settings[key] = _save_as(settings[url_key])
    validate(settings)


def _save_as(url: str) -> str:
    # Clean URLs ("menschen/{slug}/") are folders with an index.html inside.
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def validate(settings: Mapping[str, Any]) -> None:
    """Raise ValueError naming the first setting that cannot work."""

    def fail(key: str, expected: str) -> None:
        raise ValueError(f"{key} has value {settings[key]!r}. {expected}")

    for key in ("AUTHORS_DEPARTMENTS", "AUTHORS_LEVELS"):
        value = settings[key]
        if not isinstance(value, Mapping) or not value:
            fail(key, "Expected a mapping of keys to labels, e.g. {'entwicklung': 'Entwicklung'}.")
        if not all(isinstance(k, str) and k and k == k.lower() and " " not in k for k in value):
            fail(key, "Write the keys in lower case without spaces; they appear in addresses.")
    if (
        not isinstance(settings["AUTHORS_REMOVED_LABEL"], str)
        or not settings["AUTHORS_REMOVED_LABEL"].strip()
    ):
        fail("AUTHORS_REMOVED_LABEL", "Expected the text shown instead of a removed person.")
    if (
        not isinstance(settings["AUTHORS_GUESTS_LABEL"], str)
        or not settings["AUTHORS_GUESTS_LABEL"].strip()
    ):
        fail(
            "AUTHORS_GUESTS_LABEL", "Expected the heading of the guests on the wall, e.g. 'Gäste'."
        )
    for key in ("AUTHOR_SAVE_AS", "AUTHORS_SAVE_AS"):
        # Pelican's own pages would list removed people and unknown names.
        if settings.get(key):
            fail(key, "Set it to '': author_profiles writes the author pages and the wall.")
    for key in ("AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS"):
        if settings.get(key):
            fail(key, "Set it to None: author_profiles writes per-author feeds.")
    for key in ("AUTHORS_PAGE_SAVE_AS", "AUTHORS_WALL_SAVE_AS", "AUTHORS_PHOTOS_PATH"):
        if not isinstance(settings[key], str) or not settings[key]:
            fail(key, "Expected a path inside the output folder.")
    sizes = settings["AUTHORS_PHOTO_SIZES"]
    if not isinstance(sizes, list | tuple) or not sizes:
        fail("AUTHORS_PHOTO_SIZES", "Expected a list of pixel sizes, e.g. [96, 192, 384, 768].")
    if not all(isinstance(size, int) and 16 <= size <= 4096 for size in sizes):
        fail("AUTHORS_PHOTO_SIZES", "Expected whole pixel sizes from 16 to 4096.")
    for key in ("AUTHORS_PHOTO_JPEG_QUALITY", "AUTHORS_PHOTO_WEBP_QUALITY"):
        quality = settings[key]
        if not isinstance(quality, int) or not 1 <= quality <= 100:
            fail(key, "Expected an integer from 1 to 100.")
    megapixels = settings["AUTHORS_PHOTO_MAX_MEGAPIXELS"]
    if not isinstance(megapixels, int | float) or megapixels <= 0:
        fail("AUTHORS_PHOTO_MAX_MEGAPIXELS", "Expected a positive number.")
    topics = settings["AUTHORS_WALL_TOPIC_PEOPLE"]
    if not is_whole_number(topics, 0, 1000):
        fail("AUTHORS_WALL_TOPIC_PEOPLE", "Expected a whole number from 0 (no topics) to 1000.")
    workers = settings["AUTHORS_WORKERS"]
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        fail("AUTHORS_WORKERS", "Expected None (every core) or a positive number.")
    if not isinstance(settings["AUTHORS_CARDS_ON_REQUEST"], bool):
        fail("AUTHORS_CARDS_ON_REQUEST", "Expected True (drawn by the preview server) or False.")
    if not isinstance(settings["AUTHORS_PHOTOS_ON_REQUEST"], bool):
        fail("AUTHORS_PHOTOS_ON_REQUEST", "Expected True (made by the preview server) or False.")
    font = settings["AUTHORS_CARD_FONT"]
    if font is not None and not os.path.isfile(font):
        fail("AUTHORS_CARD_FONT", "Expected None or the path of a TrueType font file.")
    if _photos_are_static(settings):
        fail(
            "STATIC_PATHS",
            f"It includes '{settings['AUTHORS_DIR']}', which would publish the original "
            "photos with their metadata. Leave the profile folder out of STATIC_PATHS.",
        )


def _photos_are_static(settings: Mapping[str, Any]) -> bool:
    folder = os.path.normpath(settings["AUTHORS_DIR"])
    excluded = {os.path.normpath(p) for p in settings.get("STATIC_EXCLUDES", [])}
    if folder in excluded:
        return False
    for static in settings.get("STATIC_PATHS", []):
        static = os.path.normpath(static)
        if static in (".", "") or folder == static or folder.startswith(static + os.sep):
            return True
    return False


def install_globals(generator: Any) -> None:
    """Give templates author_profile(author), author_display_name(author), schema_person(…)."""
    generator.env.globals.update(
        author_profile=functools.partial(find_profile, generator.context),
        author_display_name=functools.partial(display_name, generator.context),
        schema_person=functools.partial(schema_person, generator.context),
    )


def use_profiles(generator: Any) -> None:
    """Give every post the canonical authors of its profiles, before listings are built."""
    profiles = generator.context.get(PROFILES_KEY, {})
    report(attach_authors(all_articles(generator), profiles, generator.settings))


def skip_pelican_author_pages(generator: Any) -> None:
    """Pelican's own author pages are off: spare it sorting every post for every author."""
    # validate() keeps AUTHOR_SAVE_AS empty, so Pelican writes no author page, yet it would go
    # through every post once per author first (2,000 x 10,000 at scale, cProfile: 8 s).
    if __package__ in generator.settings.get("PLUGINS", ()) and not generator.settings.get(
        "AUTHOR_SAVE_AS"
    ):
        generator.generate_authors = _write_no_author_pages


def _write_no_author_pages(write: Any) -> None:
    """Pelican's generate_authors when every author page's address is empty: nothing."""


add_generator = generator_receiver(AuthorProfilesGenerator)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(install_globals)
    signals.article_generator_pretaxonomy.connect(use_profiles)
    signals.article_generator_finalized.connect(skip_pelican_author_pages)
    signals.get_generators.connect(add_generator)
