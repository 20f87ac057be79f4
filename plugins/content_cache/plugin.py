"""Keep Pelican's content cache only for the settings and code that made it; write it atomically.

Pelican keeps what its readers made of each file (the HTML and the header) by the file's
modification time, in one file per generator in CACHE_PATH, and trusts it whatever changed
since: a new Markdown extension, another setting, our readers' code. A build that loaded such
a cache would publish yesterday's rendering. Our plugins do their build-dependent work after
reading (polls, authors, links, summaries: content_object_init and later, on cached and fresh
content alike) and a file with errors is never cached, so the cache is safe as long as the
readers are the same. This plugin stores a digest of the readers' settings and code inside the
cache and empties a cache whose digest differs; the preview and the publish build differ only
in settings the readers never see (OUTPUT_SIDE), so they share one cache. Pelican writes the
file in place: a build loading it while another one writes would read half a file, so it is
written to a temporary file and moved into place.

Pelican saves the whole cache after every reading, also when every file came from it. Pickling
a string keeps a UTF-8 copy of it inside the string for as long as it lives (CPython caches
it), so the HTML of every post would be held twice for the rest of the build: 47 MiB at 10,000
posts. A cache that took nothing new is not saved; a changed one is saved with the HTML as
UTF-8 bytes, decoded again when the cache is loaded.
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Hashable
from typing import Any

from faces_common.fingerprints import code_stamps, settings_digest
from pelican import __version__ as pelican_version
from pelican import signals
from pelican.urlwrappers import URLWrapper

# Settings only the writing side reads: the preview, publish and intranet builds differ in them.
OUTPUT_SIDE = frozenset(
    {
        "SITEURL",
        "FEED_DOMAIN",
        "RELATIVE_URLS",
        "OUTPUT_PATH",
        "DELETE_OUTPUT_DIRECTORY",
        "LOAD_CONTENT_CACHE",
        "CACHE_CONTENT",
        "DRAFT_SAVE_AS",
        "DRAFT_LANG_SAVE_AS",
        "POLLS_ENDPOINT",
        "POLLS_RESULTS_ENDPOINT",
        "EDITORIAL_REVIEW_PAGE",
        "REACH_ENDPOINT",
        "COMMENTS_ENDPOINT",
        "STORIES_ENDPOINT",
        "WEB_EDITOR_ENABLED",
        "FAST_PREVIEW_SOURCES",
        "AUTHORS_CARDS_ON_REQUEST",
        "AUTHORS_PHOTOS_ON_REQUEST",
        "CLEAN_IMAGES_COVER_COPIES_ON_REQUEST",
        "SEARCH_INDEX_ON_REQUEST",
        "CLEAN_IMAGES_ON_REQUEST",
        # How many processes render the pages, not what they render.
        "PARALLEL_WRITE_PROCESSES",
        "PARALLEL_WRITE_BALANCE",
        "PARALLEL_WRITE_FORK_MAX_POSTS",
        # How many processes read the files: the reader and its output are the same.
        "PARALLEL_READ_PROCESSES",
        "PARALLEL_READ_MIN_FILES",
    }
)
logger = logging.getLogger(__name__)
# The cache entry that holds the digest: a key no file path can be.
KEY = "\0content_cache"
# Header texts up to this length are shared between posts (languages, states, dates as written).
SHORT = 40


def readers_key(settings: dict[str, Any]) -> str:
    """A digest of what the readers' output depends on besides the files."""
    names = [p if isinstance(p, str) else p.__name__ for p in settings.get("PLUGINS") or []]
    code = code_stamps(["faces_common", *names])
    return settings_digest(settings, OUTPUT_SIDE, pelican_version, code)


def guard_cache(generator: Any) -> None:
    """Empty a loaded cache made by other readers; make saving it atomic."""
    readers = generator.readers
    cache = getattr(readers, "_cache", None)
    if cache is None:
        return  # Pelican's reader-level cache is not in use
    key = readers_key(generator.settings)
    readers.faces_cache_changed = cache.get(KEY) != key
    if readers.faces_cache_changed:
        if cache:
            logger.info("content_cache: the readers' settings or code changed, reading afresh")
        cache.clear()
        cache[KEY] = key
    else:
        restore(cache)
    readers.cache_data = functools.partial(cache_and_note, readers, readers.cache_data)
    readers.save_cache = functools.partial(save_atomically, readers)


def cache_and_note(
    cacher: Any, cache_data: Callable[[str, Any], None], path: str, data: Any
) -> None:
    """Pelican's cache_data, noting that the cache took something it has to save."""
    cacher.faces_cache_changed = True
    cache_data(path, data)


def restore(cache: dict[str, Any]) -> None:
    """Decode the HTML saved as UTF-8 bytes (encode_html); share equal header values, in place."""
    shared: dict[Hashable, Any] = {}
    for path, entry in cache.items():
        if path == KEY or not _is_entry(entry):
            continue
        stamp, (html, metadata) = entry
        if isinstance(html, bytes):
            cache[path] = (stamp, (html.decode("utf-8", "surrogatepass"), metadata))
        for name, value in metadata.items():
            metadata[name] = _shared_value(value, shared)


def _is_entry(entry: Any) -> bool:
    """Whether a cache entry has Pelican's shape: (stamp, (html, metadata dict))."""
    return (
        isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[1], tuple)
        and len(entry[1]) == 2
        and isinstance(entry[1][1], dict)
    )


def _shared_value(value: Any, shared: dict[Hashable, Any]) -> Any:
    """One object for equal tags, categories, authors and short texts across the cached posts."""
    # Unpickled, every post had its own copy of each (10,000 posts: 25,000 tag objects).
    if isinstance(value, str) and len(value) <= SHORT:
        return sys.intern(value)
    if isinstance(value, URLWrapper):
        fields = vars(value)
        key = (
            type(value),
            value.name,
            id(value.settings),
            fields.get("_slug_from_name"),
            None if fields.get("_slug_from_name") else fields.get("_slug"),
        )
        return shared.setdefault(key, value)
    if isinstance(value, list) and all(isinstance(item, URLWrapper) for item in value):
        return [_shared_value(item, shared) for item in value]
    return value


def encode_html(cache: dict[str, Any]) -> dict[str, Any]:
    """The cache to pickle: each post's HTML as UTF-8 bytes where it is not plain ASCII."""
    saved = {}
    for path, entry in cache.items():
        if _is_entry(entry) and type(entry[1][0]) is str and not entry[1][0].isascii():
            stamp, (html, metadata) = entry
            entry = (stamp, (html.encode("utf-8", "surrogatepass"), metadata))
        saved[path] = entry
    return saved


def save_atomically(cacher: Any) -> None:
    """Pelican's save_cache, through a temporary file moved into place."""
    try:
        if cacher._cache_data_policy and getattr(cacher, "faces_cache_changed", True):
            _write(cacher)
    finally:
        # Pelican saves once, when the generator has read everything; the entries' texts live on
        # in the posts, the cache's own records (11 MiB at 10,000 posts) are not needed again.
        cacher._cache = {}
        cacher._cache_data_policy = False


def _write(cacher: Any) -> None:
    path = cacher._cache_path
    temporary = ""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        os.close(handle)
        with cacher._cache_open(temporary, "wb") as out:
            pickle.dump(encode_html(cacher._cache), out)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, TypeError) as error:
        # As Pelican does: an unsaved cache only costs the next build time.
        logger.warning("Could not save cache %s\n ... %s", path, error)
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)


def register() -> None:
    """Guard the cache of the article and the page generator."""
    signals.article_generator_init.connect(guard_cache)
    signals.page_generator_init.connect(guard_cache)
