"""Shards indexed while the build still writes: the same index, redone where a guess was wrong."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from site_search.early_index import EarlyIndex, expected_pages
from site_search.generator import PROFILES_KEY
from site_search.pagefind_index import EARLY, update_index
from site_search.plugin import note_written, start_early_index
from site_search.shards import PLANNED, shard_count

from tests.site_search.test_shards import PAGE, WORDS, files, shard_settings, shards_of

PAGES = {f"{word.lower()}/index.html" for word in WORDS}
# Six pages in shards of at most two: four shards.
COUNT = shard_count(len(WORDS), 2)


def _written(settings: dict[str, Any], early: EarlyIndex, pages: set[str]) -> None:
    """Tell the early index about each page, as Pelican's writer does once it has written it."""
    settings[EARLY] = early
    for relative in sorted(pages):
        early.written(os.path.join(settings["OUTPUT_PATH"], relative))


def _shards(settings: dict[str, Any]) -> dict[str, str]:
    run = update_index(settings)
    assert run is not None
    return run.shards


def test_shards_indexed_while_the_build_wrote_stay_and_equal_an_index_made_after_it(
    tmp_path: Path,
) -> None:
    settings = shard_settings(tmp_path, "early")
    early = EarlyIndex(settings, PAGES, COUNT)
    _written(settings, early, PAGES)
    assert set(_shards(settings).values()) == {"stays"}
    assert early.wait() == len(shards_of(WORDS, COUNT))
    after = shard_settings(tmp_path, "after")
    assert set(_shards(after).values()) == {"indexed"}
    bundle, after_bundle = (Path(s["OUTPUT_PATH"], "pagefind") for s in (settings, after))
    assert files(bundle) == files(after_bundle)


def test_a_page_written_again_after_its_shard_ran_has_that_shard_indexed_again(
    tmp_path: Path,
) -> None:
    settings = shard_settings(tmp_path, "early")
    early = EarlyIndex(settings, PAGES, COUNT)
    _written(settings, early, PAGES)
    early.wait()
    settings[EARLY] = early
    page = Path(settings["OUTPUT_PATH"], "kette", "index.html")
    page.write_text(PAGE.format("Kettenblatt"), encoding="utf-8")
    changed = next(name for name, words in shards_of(WORDS, COUNT).items() if "Kette" in words)
    shards = _shards(settings)
    assert shards.pop(changed) == "indexed"
    assert set(shards.values()) == {"stays"}


def test_a_shard_with_an_expected_page_never_written_waits_for_the_index_after_the_build(
    tmp_path: Path,
) -> None:
    settings = shard_settings(tmp_path, "early")
    ghost = "geist/index.html"
    early = EarlyIndex(settings, {*PAGES, ghost}, COUNT)
    _written(settings, early, PAGES)
    number = early.waiting[os.path.join(settings["OUTPUT_PATH"], ghost)]
    shards = _shards(settings)
    waited = f"shard-{number + 1:02d}"
    assert early.wait() == len(shards) - 1
    assert shards.pop(waited) == "indexed"
    assert set(shards.values()) == {"stays"}


def test_pages_the_forked_writer_wrote_start_nothing_in_it(tmp_path: Path) -> None:
    settings = shard_settings(tmp_path, "early")
    early = EarlyIndex(settings, PAGES, COUNT)
    early.pid = os.getpid() + 1  # as seen from a forked process
    _written(settings, early, PAGES)
    assert early.runs is None
    assert set(_shards(settings).values()) == {"indexed"}


def _post(save_as: str, status: str = "published") -> SimpleNamespace:
    return SimpleNamespace(save_as=save_as, status=status)


def _person(url: str | None, status: str = "active") -> SimpleNamespace:
    return SimpleNamespace(url=url, status=status, is_active=status == "active")


def test_the_expected_pages_are_published_posts_and_active_people() -> None:
    context = {
        "articles": [_post("2025/a/index.html"), _post("entwuerfe/b/index.html", "draft")],
        "translations": [_post("2025/a-en/index.html")],
        PROFILES_KEY: {
            "anna": _person("menschen/anna/"),
            "ben": _person("menschen/ben/", "alumni"),
            "cleo": _person(None, "removed"),
        },
    }
    assert expected_pages(context, PROFILES_KEY) == {
        "2025/a/index.html",
        "2025/a-en/index.html",
        "menschen/anna/index.html",
    }


@pytest.mark.parametrize("url", ["menschen/anna.html", "https://example.org/anna/"])
def test_a_profile_address_that_names_no_file_leaves_the_index_to_after_the_build(
    url: str,
) -> None:
    assert expected_pages({PROFILES_KEY: {"anna": _person(url)}}, PROFILES_KEY) is None


def test_the_plugin_starts_each_shard_from_the_pages_the_writer_reports(tmp_path: Path) -> None:
    settings = shard_settings(tmp_path, "plugin")
    posts = [_post(relative) for relative in sorted(PAGES)]
    context: dict[str, Any] = {"articles": posts, PROFILES_KEY: {}}
    start_early_index([SimpleNamespace(settings=settings, context=context)])
    assert settings[PLANNED] == COUNT
    for relative in sorted(PAGES):
        # Pelican's writer sends each page's own shallow copy of the context.
        note_written(os.path.join(settings["OUTPUT_PATH"], relative), context=dict(context))
    assert set(_shards(settings).values()) == {"stays"}
    assert EARLY not in settings


def test_the_preview_quick_step_starts_no_early_index(tmp_path: Path) -> None:
    settings = {**shard_settings(tmp_path, "quick"), "FAST_PREVIEW_SOURCES": ["posts/a.md"]}
    context: dict[str, Any] = {"articles": [_post(p) for p in PAGES], PROFILES_KEY: {}}
    start_early_index([SimpleNamespace(settings=settings, context=context)])
    assert EARLY not in settings
    assert EARLY not in context


def test_a_page_written_after_the_index_waited_starts_nothing(tmp_path: Path) -> None:
    settings = shard_settings(tmp_path, "kept")
    ghost = "geist/index.html"
    early = EarlyIndex(settings, {ghost}, 1)
    settings[EARLY] = early
    _shards(settings)
    # The preview's kept build renders a page later, through the same writer and context.
    (Path(settings["OUTPUT_PATH"]) / "geist").mkdir()
    (Path(settings["OUTPUT_PATH"]) / ghost).write_text(PAGE.format("Geist"), encoding="utf-8")
    early.written(os.path.join(settings["OUTPUT_PATH"], ghost))
    assert early.runs is None
    assert not early.started
