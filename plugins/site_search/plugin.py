"""Settings of the search plugin and its place in Pelican's run."""

from __future__ import annotations

import re
from typing import Any

from faces_common.receivers import generator_receiver
from faces_common.settings import merge_defaults, setting_error
from pelican import signals

from .early_index import EarlyIndex, expected_pages
from .generator import PROFILES_KEY, URLS_KEY, SearchPageGenerator, search_pages
from .index_order import order_index
from .pagefind_index import EARLY, write_index
from .related import build_index
from .shards import plan
from .topics import TOPICS_KEY, topics_by_author

DEFAULTS: dict[str, Any] = {
    # Build the Pagefind index after every full build (the preview's quick step skips it).
    "SEARCH_INDEX": True,
    # True: a full build leaves Pagefind to the preview server (`invoke livereload`), which
    # makes the index right after the build; the build writes only an order (the pages of each
    # shard whose kept index is out of date) and links the shards that are up to date.
    "SEARCH_INDEX_ON_REQUEST": False,
    # Folder of the index and of Pagefind's scripts inside the output; the search page loads
    # them from there, never from another host.
    "SEARCH_INDEX_FOLDER": "pagefind",
    # Stemming language of the index: None for the site's DEFAULT_LANG (one index, every post
    # found from the one search page), a code such as "de", or "page" for one index per page
    # language as the pages' lang attributes say.
    "SEARCH_LANGUAGE": None,
    # At most how many pages one Pagefind run indexes. Pagefind holds about 150 KiB per page
    # until it writes the index, so a larger site is indexed in shards (a power of two of
    # them, each with about as many posts and people), one run after the other, and the
    # search page opens them together. Lower it where the build must use less memory; an
    # edit indexes only the shard of the edited page again.
    "SEARCH_SHARD_PAGES": 500,
    # Where the search page is written and its address; "" for no search page.
    "SEARCH_SAVE_AS": "suche/index.html",
    "SEARCH_URL": "suche/",
    # The search page in each other language that has posts (site_i18n's sections), in its own
    # words; "" for none, so every page's menu leads to the one above.
    "SEARCH_LANG_SAVE_AS": "{lang}/search/index.html",
    "SEARCH_LANG_URL": "{lang}/search/",
    # How many posts "On the same topic" shows under a post; 0 shows none.
    "SEARCH_RELATED_COUNT": 3,
    # How many further posts "More by <name>" shows per author; 0 shows none.
    "SEARCH_MORE_BY_COUNT": 3,
    # How many topics (their most used tags) a profile page lists; 0 lists none.
    "SEARCH_PROFILE_TOPICS": 8,
}

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS into the settings once and validate them."""
    merge_defaults(pelican.settings, DEFAULTS)
    validate(pelican.settings)


def validate(settings: dict[str, Any]) -> None:
    """Raise ValueError naming the first SEARCH_* setting that cannot work."""
    if not isinstance(settings["SEARCH_INDEX"], bool):
        raise setting_error("SEARCH_INDEX", settings["SEARCH_INDEX"], "True or False")
    if not isinstance(settings["SEARCH_INDEX_ON_REQUEST"], bool):
        raise setting_error(
            "SEARCH_INDEX_ON_REQUEST",
            settings["SEARCH_INDEX_ON_REQUEST"],
            "True (made by the preview server) or False",
        )
    folder = settings["SEARCH_INDEX_FOLDER"]
    if not isinstance(folder, str) or not re.fullmatch(r"[a-z0-9_-]+", folder):
        raise setting_error(
            "SEARCH_INDEX_FOLDER", folder, "one folder name of letters, digits, - or _"
        )
    language = settings["SEARCH_LANGUAGE"]
    if language is not None and not (
        language == "page" or (isinstance(language, str) and LANGUAGE_CODE.fullmatch(language))
    ):
        raise setting_error("SEARCH_LANGUAGE", language, "None, 'page' or a code such as 'de'")
    save_as, url = settings["SEARCH_SAVE_AS"], settings["SEARCH_URL"]
    if not isinstance(save_as, str) or (save_as and not save_as.endswith(".html")):
        raise setting_error("SEARCH_SAVE_AS", save_as, "'' or a path ending in .html")
    if not isinstance(url, str) or url.startswith(("/", "http:", "https:")):
        raise setting_error("SEARCH_URL", url, "an address relative to the site, e.g. 'suche/'")
    lang_save_as, lang_url = settings["SEARCH_LANG_SAVE_AS"], settings["SEARCH_LANG_URL"]
    if not isinstance(lang_save_as, str) or (
        lang_save_as and not (lang_save_as.endswith(".html") and "{lang}" in lang_save_as)
    ):
        raise setting_error(
            "SEARCH_LANG_SAVE_AS", lang_save_as, "'' or a path with {lang} ending in .html"
        )
    if lang_save_as and (
        not isinstance(lang_url, str)
        or "{lang}" not in lang_url
        or lang_url.startswith(("/", "http:", "https:"))
    ):
        raise setting_error(
            "SEARCH_LANG_URL",
            lang_url,
            "an address relative to the site with {lang}, e.g. '{lang}/search/'",
        )
    shard_pages = settings["SEARCH_SHARD_PAGES"]
    if isinstance(shard_pages, bool) or not isinstance(shard_pages, int) or shard_pages < 1:
        raise setting_error("SEARCH_SHARD_PAGES", shard_pages, "a whole number of at least 1")
    for key in ("SEARCH_RELATED_COUNT", "SEARCH_MORE_BY_COUNT", "SEARCH_PROFILE_TOPICS"):
        value = settings[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 20:
            raise setting_error(key, value, "a whole number from 0 to 20")


add_generator = generator_receiver(SearchPageGenerator)


def attach_related(generator: Any) -> None:
    """Give every post its related posts and, per author, more of their posts."""
    settings = generator.settings
    index = build_index(generator.articles)
    related_count = settings["SEARCH_RELATED_COUNT"]
    more_count = settings["SEARCH_MORE_BY_COUNT"]
    # A person who withdrew consent appears only as a label; their posts are not grouped.
    profiles = generator.context.get(PROFILES_KEY, {})
    removed = {h for h, p in profiles.items() if getattr(p, "status", "") == "removed"}
    askers = [*generator.articles, *generator.drafts, *getattr(generator, "hidden_articles", [])]
    for post in (*askers, *(t for a in askers for t in getattr(a, "translations", []))):
        related = index.related(post, related_count) if related_count else []
        # Tuples, and the one empty tuple for none: held by every post to the build's end.
        post.related_posts = tuple(related)
        shown = list(related)
        more_by = []
        for author in getattr(post, "authors", None) or ():
            if author.slug in removed:
                continue
            more = index.more_by(post, author.slug, more_count, shown) if more_count else []
            if more:
                more_by.append((author, tuple(more)))
                shown += more
        post.more_by = tuple(more_by)
    generator.context[TOPICS_KEY] = topics_by_author(
        generator.articles, settings["SEARCH_PROFILE_TOPICS"]
    )


def note_search_urls(generators: list[Any]) -> None:
    """Tell every page's menu where the search page in its language is, before any is written."""
    if not generators or "SEARCH_LANG_SAVE_AS" not in generators[0].settings:
        return  # receivers stay connected for the whole process: not a build with the plugin
    first = generators[0]
    pages = search_pages(first.settings, first.context, first.env.globals.get("UI_LANG"))
    first.context[URLS_KEY] = {lang: url for lang, (_, url) in pages.items()}


def start_early_index(generators: list[Any]) -> None:
    """Plan the shards once every context is made; index each as soon as its pages are written."""
    if not generators:
        return
    settings, context = generators[0].settings, generators[0].context
    # Receivers stay connected for the whole process; a build without the plugin is left alone.
    if not settings.get("SEARCH_INDEX") or settings.get("FAST_PREVIEW_SOURCES") is not None:
        return
    if settings.get("SEARCH_INDEX_ON_REQUEST"):
        return  # the preview server runs Pagefind, after the build
    count = plan(settings, context, PROFILES_KEY)
    pages = expected_pages(context, PROFILES_KEY)
    if pages:
        # The writer's receiver finds it in each page's context (a shallow copy of this one),
        # the index after the build in the settings.
        settings[EARLY] = context[EARLY] = EarlyIndex(settings, pages, count)


def note_written(path: str, context: dict[str, Any]) -> None:
    """Tell this build's early index that the writer has written `path`."""
    early = context.get(EARLY)
    if isinstance(early, EarlyIndex):
        early.written(path)


def index_site(pelican: Any) -> None:
    """After a full build, index what was written (or order it); the quick step leaves it."""
    settings = pelican.settings
    if not settings["SEARCH_INDEX"] or settings.get("FAST_PREVIEW_SOURCES") is not None:
        return
    if settings["SEARCH_INDEX_ON_REQUEST"]:
        order_index(settings)
    else:
        write_index(settings)


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_generators.connect(add_generator)
    signals.article_generator_finalized.connect(attach_related)
    signals.all_generators_finalized.connect(note_search_urls)
    signals.all_generators_finalized.connect(start_early_index)
    signals.content_written.connect(note_written)
    signals.finalized.connect(index_site)
