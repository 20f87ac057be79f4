"""A Jinja global that renders a call block once per build and reuses the result.

A post's card stands on the index, in its category, on each of its tags and on its authors'
pages: about six renderings of the same HTML per post. The theme wraps the card in
``{% call cached("card", item.source_path, SITEURL) %}…{% endcall %}``; the first page
renders it and the others reuse it. The store belongs to one build's shared context, so every
build (also each rebuild of a preview or of ``pelican -r`` in one process) renders afresh.

A kept fragment holds each inline SVG it contains (a person's initials face in every card of
their posts) as one shared string per build, so a face is held once, not once per post, and
the rest of its text deflated: at 10,000 posts the kept cards are the largest thing the build
holds while it writes the listings (docs/benchmarks.md, session 11).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Hashable
from typing import Any

from faces_common.settings import merge_defaults, setting_error
from markupsafe import Markup
from pelican import signals

from .listings import drop_indexes, index_listings

DEFAULTS: dict[str, Any] = {
    # False renders every fragment on every page, as if the plugin were not loaded (to compare
    # output or to time a theme change).
    "FRAGMENT_CACHE_ENABLED": True,
}

# Key of the store in the context all generators of one build share.
_STORE = "_fragment_cache_store"

# Key, in the store, of the inline SVGs its fragments share.
_SHARED = ("_fragment_cache_shared_svgs",)
_SVG = re.compile(r"(<svg\b.*?</svg>)", re.DOTALL)

Store = dict[tuple[Hashable, ...], Any]


# Shorter fragments without SVGs are kept as they are: deflating saves less than it costs.
_PACK_FROM = 256
# Where each SVG stood in the deflated text (a character no HTML fragment holds).
_HOLE = "\0"


class _Packed(tuple[Any, ...]):
    """A kept fragment (Markup): its text deflated, with holes for the shared SVGs that follow."""


def _kept(fragment: Any, shared: dict[str, str]) -> Any:
    """What the store holds for a rendered fragment: itself, or it packed."""
    # Without autoescape a call block gives a plain str: kept as it is.
    if type(fragment) is not Markup or _HOLE in fragment:
        return fragment
    if len(fragment) < _PACK_FROM and "<svg" not in fragment:
        return fragment
    # split() puts every captured SVG at an odd index.
    parts = _SVG.split(str(fragment))
    text = _HOLE.join(parts[0::2]).encode()
    # Level 1: a card deflates to about a third at a fraction of level 6's time.
    return _Packed((zlib.compress(text, 1), *(shared.setdefault(s, s) for s in parts[1::2])))


def _given(kept: Any) -> Any:
    """The fragment's HTML from what the store holds."""
    if type(kept) is not _Packed:
        return kept
    texts = zlib.decompress(kept[0]).decode().split(_HOLE)
    pieces = [texts[0]]
    for svg, text in zip(kept[1:], texts[1:], strict=True):
        pieces += (svg, text)
    return Markup("".join(pieces))


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS once and check them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    if not isinstance(settings["FRAGMENT_CACHE_ENABLED"], bool):
        raise setting_error(
            "FRAGMENT_CACHE_ENABLED", settings["FRAGMENT_CACHE_ENABLED"], "True or False"
        )


def cached_for(store: Store | None) -> Callable[..., Any]:
    """The `cached` global: a call block's output by key, rendered at most once per store."""

    def cached(*key: Hashable, caller: Callable[[], Any]) -> Any:
        if store is None:
            return caller()
        if key not in store:
            store[key] = _kept(caller(), store.setdefault(_SHARED, {}))
        return _given(store[key])

    return cached


def forget_fragments(context: dict[str, Any], *parts: Hashable) -> None:
    """Drop the fragments whose key holds every one of parts (none: all) from a kept build."""
    store: Store = context.get(_STORE, {})
    for key in [k for k in store if all(part in k for part in parts)]:
        del store[key]


def install(generator: Any) -> None:
    """Give the generator's templates `cached`, sharing one store per build."""
    settings = generator.settings
    # Signal receivers stay connected for the whole process: a later build that does not
    # load this plugin must not get it.
    if __package__ not in settings.get("PLUGINS", ()):
        return
    store = generator.context.setdefault(_STORE, {})
    generator.env.globals["cached"] = cached_for(
        store if settings.get("FRAGMENT_CACHE_ENABLED", True) else None
    )


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(install)
    signals.article_generator_finalized.connect(index_listings)
    signals.article_writer_finalized.connect(drop_indexes)
