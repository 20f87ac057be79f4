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
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import tempfile
from typing import Any

from faces_common.fingerprints import code_stamps, settings_digest
from pelican import __version__ as pelican_version
from pelican import signals

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
    }
)
logger = logging.getLogger(__name__)
# The cache entry that holds the digest: a key no file path can be.
KEY = "\0content_cache"


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
    if cache.get(KEY) != key:
        if cache:
            logger.info("content_cache: the readers' settings or code changed, reading afresh")
        cache.clear()
        cache[KEY] = key
    readers.save_cache = functools.partial(save_atomically, readers)


def save_atomically(cacher: Any) -> None:
    """Pelican's save_cache, through a temporary file moved into place."""
    if not cacher._cache_data_policy:
        return
    path = cacher._cache_path
    temporary = ""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        os.close(handle)
        with cacher._cache_open(temporary, "wb") as out:
            pickle.dump(cacher._cache, out)
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
