"""The index stage: Pagefind over the indexed pages, the kept index, plain messages on failure."""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import time
from pathlib import Path

import pytest
from site_search.kept_index import KEPT_OUTPUTS, last_used, page_glob
from site_search.pagefind_index import update_index, write_index
from site_search.pagefind_run import pagefind_options
from site_search.plugin import DEFAULTS


@pytest.mark.parametrize(
    ("lang", "said", "fix"),
    [
        ("de", "Pagefind konnte den Suchindex nicht schreiben: ", "SEARCH_INDEX = False"),
        ("en", "Pagefind could not write the search index: ", "SEARCH_INDEX = False"),
    ],
)
def test_a_folder_without_pages_is_reported_in_the_report_language(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, lang: str, said: str, fix: str
) -> None:
    settings = {**DEFAULTS, "OUTPUT_PATH": str(tmp_path), "MESSAGES_LANG": lang}
    with caplog.at_level(logging.ERROR):
        assert write_index(settings) is None
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    message = record.getMessage()
    assert message.startswith(f"search: {said}")
    assert fix in message.splitlines()[-1]
    assert record.exc_info is None


def test_the_whole_site_is_indexed_in_the_site_language_unless_told_otherwise() -> None:
    settings = {**DEFAULTS, "DEFAULT_LANG": "de"}
    assert pagefind_options(settings) == ["--force-language", "de"]
    assert pagefind_options({**settings, "SEARCH_LANGUAGE": "en"}) == ["--force-language", "en"]
    assert pagefind_options({**settings, "SEARCH_LANGUAGE": "page"}) == []


PAGE = (
    '<!doctype html><html lang="de"><head><title>{0}</title></head><body>'
    "<main data-pagefind-body><h1>{0}</h1><p>Ein Beitrag über {0}.</p>"
    '<data data-pagefind-filter="year[value]" value="2026"></data></main></body></html>'
)
# A list page: the theme does not mark it, so Pagefind never reads it.
LIST_PAGE = '<!doctype html><html lang="de"><body><h1>Archiv</h1><p>{0}</p></body></html>'


def write_site(output: Path, words: dict[str, str], listing: str = "Alle Beiträge") -> None:
    """A clean build of a tiny site: an emptied output folder with one post per word."""
    shutil.rmtree(output, ignore_errors=True)
    for slug, word in words.items():
        (output / slug).mkdir(parents=True)
        (output / slug / "index.html").write_text(PAGE.format(word), encoding="utf-8")
    (output / "archiv").mkdir()
    (output / "archiv" / "index.html").write_text(LIST_PAGE.format(listing), encoding="utf-8")


def index_files(output: Path) -> dict[str, bytes]:
    """Every file of the index folder with its bytes."""
    index = output / DEFAULTS["SEARCH_INDEX_FOLDER"]
    return {
        p.relative_to(index).as_posix(): p.read_bytes() for p in index.rglob("*") if p.is_file()
    }


def indexing(settings: dict[str, object]) -> str:
    """What the index stage did in one call: "indexed", "copied" or "stays"."""
    run = update_index(settings)
    assert run is not None
    return run.how


SITE = {"velofahren": "Velofahren", "faehre": "Fähre", "bremse": "Bremse"}


def indexed_site(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """The tiny site written to tmp_path/output and indexed once, its cache in tmp_path/cache."""
    output = tmp_path / "output"
    settings = {**DEFAULTS, "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache")}
    write_site(output, SITE)
    assert indexing(settings) == "indexed"
    return output, settings


def test_a_clean_build_takes_the_kept_index_which_is_the_one_a_fresh_run_writes(
    tmp_path: Path,
) -> None:
    output, settings = indexed_site(tmp_path)
    first = index_files(output)
    assert "pagefind.js" in first and any(name.startswith("fragment/") for name in first)
    write_site(output, SITE)
    assert indexing(settings) == "copied"
    assert index_files(output) == first
    assert indexing(settings) == "stays"
    # The same pages indexed without a kept index: the very same files.
    write_site(output, SITE)
    fresh = {**settings, "CACHE_PATH": str(tmp_path / "other-cache")}
    assert indexing(fresh) == "indexed"
    assert index_files(output) == first


def test_one_changed_indexed_page_is_indexed_again_a_changed_list_page_is_not(
    tmp_path: Path,
) -> None:
    output, settings = indexed_site(tmp_path)
    before = index_files(output)
    write_site(output, SITE, listing="Neu im Archiv")
    assert indexing(settings) == "copied"
    assert index_files(output) == before
    write_site(output, {**SITE, "bremse": "Scheibenbremse"})
    assert indexing(settings) == "indexed"
    after = index_files(output)
    assert after != before
    assert (
        b"scheibenbremse"
        in b"".join(
            gzip.decompress(data) for name, data in after.items() if name.startswith("fragment/")
        ).lower()
    )
    # The folder holds this run's index only, not the fragment of the page as it was.
    assert len([name for name in after if name.startswith("fragment/")]) == len(SITE)


def test_an_index_removed_from_the_output_is_copied_back_and_each_output_has_its_own(
    tmp_path: Path,
) -> None:
    output, settings = indexed_site(tmp_path)
    (output / "pagefind" / "pagefind.js").unlink()
    assert indexing(settings) == "copied"
    assert (output / "pagefind" / "pagefind.js").is_file()
    other = tmp_path / "other"
    write_site(other, {"faehre": "Fähre"})
    assert indexing({**settings, "OUTPUT_PATH": str(other)}) == "indexed"
    assert indexing(settings) == "stays"


def test_a_site_without_marked_pages_has_every_page_indexed(tmp_path: Path) -> None:
    output = tmp_path / "output"
    for slug in ("eins", "zwei"):
        (output / slug).mkdir(parents=True)
        (output / slug / "index.html").write_text(LIST_PAGE.format(slug), encoding="utf-8")
    settings = {**DEFAULTS, "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache")}
    assert write_index(settings) is not None
    fragments = [n for n in index_files(output) if n.startswith("fragment/")]
    assert len(fragments) == 2


def test_a_kept_index_that_lost_its_files_is_written_again(tmp_path: Path) -> None:
    output = tmp_path / "output"
    cache = tmp_path / "cache"
    settings = {**DEFAULTS, "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)}
    write_site(output, SITE)
    assert indexing(settings) == "indexed"
    [kept] = cache.glob("site_search/*/pagefind")
    shutil.rmtree(kept / "fragment")
    (kept / "pagefind-entry.json").unlink()
    write_site(output, SITE)
    assert indexing(settings) == "indexed"
    assert len([name for name in index_files(output) if name.startswith("fragment/")]) == 3


def test_a_cache_path_that_is_a_file_is_reported_with_the_path(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    output = tmp_path / "output"
    cache = tmp_path / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    write_site(output, SITE)
    settings = {**DEFAULTS, "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)}
    with caplog.at_level(logging.ERROR):
        assert write_index(settings) is None
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.getMessage().startswith("search: Pagefind konnte den Suchindex nicht schreiben")
    assert str(cache) in record.getMessage()
    assert record.exc_info is None


def test_an_index_written_over_the_output_in_place_is_not_taken_for_the_kept_one(
    tmp_path: Path,
) -> None:
    output, settings = indexed_site(tmp_path)
    # Pagefind run by hand on the output rewrites its files in place.
    with (output / "pagefind" / "pagefind-entry.json").open("w", encoding="utf-8") as entry:
        entry.write('{"version": "by hand"}')
    write_site(output, SITE)
    assert indexing(settings) == "indexed"
    assert b"by hand" not in index_files(output)["pagefind-entry.json"]


def test_only_the_indexes_of_the_most_recently_used_output_folders_are_kept(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    (cache / "site_search").mkdir(parents=True)
    (cache / "site_search" / "0123456789abcdef.digest").write_text("left by an earlier version")
    outputs = [tmp_path / f"output-{number}" for number in range(6)]

    def index(output: Path) -> str:
        write_site(output, SITE)
        return indexing({**DEFAULTS, "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)})

    for output in outputs:
        assert index(output) == "indexed"
    # Indexes used within the hour stay: a build beside this one may be copying them.
    assert len(list((cache / "site_search").iterdir())) == 7
    two_hours_ago = time.time() - 7200
    for age, entry in enumerate(sorted((cache / "site_search").iterdir(), key=last_used)):
        for path in (entry, entry / "digest") if entry.is_dir() else (entry,):
            os.utime(path, (0, two_hours_ago + age))
    assert index(tmp_path / "output-new") == "indexed"
    kept = list((cache / "site_search").iterdir())
    assert len(kept) == KEPT_OUTPUTS and all(entry.is_dir() for entry in kept)
    # The most recently used kept theirs; the oldest is indexed afresh.
    assert index(outputs[-1]) == "copied"
    assert index(outputs[0]) == "indexed"


@pytest.mark.parametrize(
    ("pages", "glob"),
    [
        (
            ["2024/kundin-vor-winter/index.html", "2025/eins/index.html", "2025/zwei/index.html"],
            "{2024/*/index.html,2025/*/index.html}",
        ),
        (
            ["menschen/miriam-keller/index.html", "en/2025/one/index.html", "index.html"],
            "{en/*/*/index.html,index.html,menschen/*/index.html}",
        ),
        # Names a glob would read as patterns stand for any name.
        (["b[1]/{x}/index.html", "a,b/p?.html"], "{*/*.html,*/*/index.html}"),
    ],
)
def test_pagefind_reads_only_pages_shaped_like_the_indexed_ones(
    pages: list[str], glob: str
) -> None:
    assert page_glob(pages) == glob


def test_a_page_shaped_like_an_indexed_one_but_unmarked_stays_out(tmp_path: Path) -> None:
    output = tmp_path / "output"
    write_site(output, SITE)
    (output / "alumna").mkdir()
    (output / "alumna" / "index.html").write_text(LIST_PAGE.format("Ehemalige"), encoding="utf-8")
    settings = {**DEFAULTS, "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache")}
    assert indexing(settings) == "indexed"
    assert len([name for name in index_files(output) if name.startswith("fragment/")]) == 3
