"""Settings, and the moment a build hands its post and page output to several processes."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from itertools import pairwise, takewhile
from typing import Any

from faces_common.background import usable_cores
from faces_common.content_lists import all_articles
from faces_common.messages import messages_lang
from faces_common.settings import is_whole_number, merge_defaults, setting_error
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .sharing import SharedWriting

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # How many processes render the pages of posts, tags, categories and pages: None takes
    # the cores this build may use, at most DEFAULT_CAP, up to PARALLEL_WRITE_FORK_MAX_POSTS
    # posts and one process above; 1 writes every page in the build process, as Pelican does.
    "PARALLEL_WRITE_PROCESSES": None,
    # With PARALLEL_WRITE_PROCESSES = None, the most posts (translations and drafts counted)
    # a build still forks a writer for; above it one process writes, because the forked
    # writer's copied pages grow with the posts (11-13 KiB each; docs/benchmarks.md, session
    # 10). None: no limit. From 5,000 posts up one writer is already faster than plain Pelican
    # by its CPU seconds, so the second core costs no target there and the fork's 66+ MiB go.
    "PARALLEL_WRITE_FORK_MAX_POSTS": 5000,
    # True: the build process, once it has rendered the listings and feeds, renders the single
    # posts and pages the forked writer has not started yet, from the last one, so that both
    # end together; False: the forked writer renders every single post and page.
    "PARALLEL_WRITE_BALANCE": True,
    # Generators (class names) the build process runs while the forked writer still renders:
    # those that follow the page generator, in a row, up to the first one not named here. Each
    # named one reads no page Pelican's generators write and sees no content_written; after
    # the last, the build process takes back what is left and announces the forked pages (the
    # sitemap, which lists the written pages, comes later). [] waits for the writer first.
    "PARALLEL_WRITE_BESIDE": [
        "LanguageListingsGenerator",
        "AuthorProfilesGenerator",
        "CleanImagesGenerator",
        "ReviewPageGenerator",
        "PollManifestGenerator",
        "CommentsGenerator",
        "StoryIntakeGenerator",
        "TransparencyGenerator",
        "ReachGenerator",
        "SearchPageGenerator",
    ],
}
# More processes than two pay little: the rest of the build and Pagefind stay on one core.
DEFAULT_CAP = 2


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS once and check them."""
    settings = pelican.settings
    merge_defaults(settings, DEFAULTS)
    chosen = settings["PARALLEL_WRITE_PROCESSES"]
    if chosen is not None and (
        isinstance(chosen, bool) or not isinstance(chosen, int) or chosen < 1
    ):
        raise setting_error(
            "PARALLEL_WRITE_PROCESSES", chosen, "None (the usable cores, at most 2) or 1 or more"
        )
    most = settings["PARALLEL_WRITE_FORK_MAX_POSTS"]
    if most is not None and not is_whole_number(most, 0):
        raise setting_error(
            "PARALLEL_WRITE_FORK_MAX_POSTS", most, "None (no limit) or a whole number of 0 or more"
        )
    if not isinstance(settings["PARALLEL_WRITE_BALANCE"], bool):
        raise setting_error(
            "PARALLEL_WRITE_BALANCE", settings["PARALLEL_WRITE_BALANCE"], "True or False"
        )
    beside = settings["PARALLEL_WRITE_BESIDE"]
    if not isinstance(beside, list | tuple) or not all(isinstance(n, str) for n in beside):
        raise setting_error(
            "PARALLEL_WRITE_BESIDE", beside, "a list of generator class names (or [])"
        )


def processes_for(settings: dict[str, Any], posts: int) -> int:
    """How many processes write the pages of a build with this many posts."""
    chosen = settings["PARALLEL_WRITE_PROCESSES"]
    if chosen is not None:
        return int(chosen)
    most = settings["PARALLEL_WRITE_FORK_MAX_POSTS"]
    if most is not None and posts > most:
        return 1
    return min(usable_cores(), DEFAULT_CAP)


def share_writing(generators: list[Any]) -> None:
    """Let the article and page generators write through several processes."""
    if not generators:
        return
    settings = generators[0].settings
    # Receivers stay connected for the whole process; a build without the plugin is left alone.
    if __package__ not in settings.get("PLUGINS", ()):
        return
    pair = _articles_then_pages(generators)
    if pair is None:
        logger.debug("parallel_write: no article generator followed by the page generator")
        return
    posts = len(all_articles(pair[0]))
    processes = processes_for(settings, posts)
    if processes < 2:
        logger.debug("parallel_write: %d posts, the build process writes every page", posts)
        return
    SharedWriting(
        *pair,
        processes=processes,
        lang=messages_lang(settings),
        balance=settings["PARALLEL_WRITE_BALANCE"],
    ).install(_beside(generators, pair[1], settings["PARALLEL_WRITE_BESIDE"]))


def _beside(generators: list[Any], pages: Any, names: Sequence[str]) -> list[Any]:
    """The generators right after the page generator, in a row, whose class is named."""
    after = generators[generators.index(pages) + 1 :]
    return list(takewhile(lambda generator: type(generator).__name__ in names, after))


def _articles_then_pages(generators: list[Any]) -> tuple[Any, Any] | None:
    # The second process writes both generators' pages in one go, so nothing may run between.
    for first, second in pairwise(generators):
        if isinstance(first, ArticlesGenerator) and isinstance(second, PagesGenerator):
            return first, second
    return None


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.all_generators_finalized.connect(share_writing)
