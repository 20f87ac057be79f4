"""The generators' content lists named once: the names match what Pelican's generators keep."""

from __future__ import annotations

import copy
from contextlib import ExitStack
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from faces_common.content_lists import ARTICLE_LISTS, PAGE_LISTS, all_articles
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import DEFAULT_CONFIG

INIT_SIGNALS = (signals.generator_init, signals.article_generator_init, signals.page_generator_init)


def lists_kept_by(generator_class: type[Any], tmp_path: Path) -> set[str]:
    """The names of the list attributes a freshly made generator starts with."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    # Plugins loaded by earlier tests may still listen; a bare generator must not reach them.
    with ExitStack() as stack:
        for signal in INIT_SIGNALS:
            stack.enter_context(signal.muted())
        generator = generator_class(
            context={},
            settings=settings,
            path=str(tmp_path),
            theme=settings["THEME"],
            output_path="",
        )
    return {name for name, value in vars(generator).items() if value == [] and name != "_templates"}


@pytest.mark.parametrize(
    ("generator_class", "names", "not_content"),
    [(ArticlesGenerator, ARTICLE_LISTS, {"related_posts"}), (PagesGenerator, PAGE_LISTS, set())],
)
def test_the_names_are_every_content_list_of_pelicans_generator(
    generator_class: type[Any], names: tuple[str, ...], not_content: set[str], tmp_path: Path
) -> None:
    assert set(names) == lists_kept_by(generator_class, tmp_path) - not_content


def test_all_articles_gathers_every_list_and_passes_over_missing_ones() -> None:
    generator = SimpleNamespace(
        articles=["a"], drafts=["d1", "d2"], hidden_translations=["h"], translations=[]
    )
    assert all_articles(generator) == ["a", "d1", "d2", "h"]
