"""The sharded index: pages in stable shards, one Pagefind run per changed shard, no leftovers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from site_search.kept_index import exact_glob
from site_search.pagefind_index import update_index
from site_search.plugin import DEFAULTS, validate
from site_search.shards import MANIFEST, PLANNED, UNUSED_FILES, plan, shard_count, shard_of

PAGE = (
    '<!doctype html><html lang="de"><head><title>{0}</title></head><body>'
    "<main data-pagefind-body><h1>{0}</h1><p>Ein Beitrag über {0}.</p></main></body></html>"
)
WORDS = ["Velofahren", "Fähre", "Bremse", "Kette", "Sattel", "Lenker"]


def write_site(output: Path, words: list[str]) -> None:
    """A clean build of a tiny site: an emptied output folder with one post per word."""
    shutil.rmtree(output, ignore_errors=True)
    for word in words:
        (output / word.lower()).mkdir(parents=True)
        (output / word.lower() / "index.html").write_text(PAGE.format(word), encoding="utf-8")


def shard_settings(tmp_path: Path, name: str) -> dict[str, Any]:
    """Settings of a written site of WORDS under tmp_path/name, in shards of at most two pages."""
    output = tmp_path / name / "output"
    write_site(output, WORDS)
    return {
        **DEFAULTS,
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(tmp_path / name / "cache"),
        "SEARCH_SHARD_PAGES": 2,
    }


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def shards_of(words: list[str], count: int) -> dict[str, set[str]]:
    """The shard folder of every word's page, as the plugin assigns them."""
    named: dict[str, set[str]] = {}
    for word in words:
        number = shard_of(f"{word.lower()}/index.html", count)
        named.setdefault(f"shard-{number + 1:02d}", set()).add(word)
    return named


def indexing(settings: dict[str, object]) -> dict[str, str]:
    """What the index stage did to each shard in one call."""
    run = update_index(settings)
    assert run is not None
    return run.shards


@pytest.fixture
def sharded(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """The six-page site indexed in shards of at most two pages (four shards)."""
    output = tmp_path / "output"
    settings = {
        **DEFAULTS,
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(tmp_path / "cache"),
        "SEARCH_SHARD_PAGES": 2,
    }
    write_site(output, WORDS)
    assert set(indexing(settings).values()) == {"indexed"}
    return output, settings


@pytest.mark.parametrize(
    ("pages", "count"), [(0, 1), (500, 1), (501, 2), (1000, 2), (1001, 4), (10_000, 32)]
)
def test_the_number_of_shards_doubles_only_when_the_site_outgrows_it(
    pages: int, count: int
) -> None:
    assert shard_count(pages, 500) == count


def test_every_page_is_in_the_shard_its_address_gives_and_the_list_names_them(
    sharded: tuple[Path, dict[str, object]],
) -> None:
    output, _ = sharded
    index = output / "pagefind"
    expected = shards_of(WORDS, 4)
    assert json.loads((index / MANIFEST).read_text()) == [f"{name}/" for name in sorted(expected)]
    assert sorted(p.name for p in index.iterdir()) == sorted([*expected, MANIFEST])
    for name, words in expected.items():
        shard = files(index / name)
        fragments = [n for n in shard if n.startswith("fragment/")]
        assert len(fragments) == len(words)
        assert "pagefind.js" in shard and not set(UNUSED_FILES) & set(shard)


@pytest.mark.parametrize("odd", [["Nabe[2]", "Speiche,rot", "{Ventil}"]])
def test_names_a_glob_would_misread_are_indexed_each_in_its_own_shard_alone(
    tmp_path: Path, odd: list[str]
) -> None:
    output = tmp_path / "output"
    settings = {**DEFAULTS, "OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache")}
    settings["SEARCH_SHARD_PAGES"] = 2
    words = [*WORDS[:3], *odd]
    write_site(output, words)
    assert exact_glob([f"{word.lower()}/index.html" for word in words]) is None
    expected = shards_of(words, 4)
    assert set(indexing(settings)) == set(expected)
    for name, members in expected.items():
        fragments = [n for n in files(output / "pagefind" / name) if n.startswith("fragment/")]
        assert len(fragments) == len(members)


def test_an_exact_glob_names_every_page_and_only_within_one_argument() -> None:
    assert exact_glob(["2025/eins/index.html", "menschen/anna/index.html"]) == (
        "{2025/eins/index.html,menschen/anna/index.html}"
    )
    assert exact_glob([f"2025/{n:06d}/index.html" for n in range(5000)]) is None


def test_an_edited_or_new_page_indexes_its_own_shard_again_the_others_keep_their_files(
    sharded: tuple[Path, dict[str, object]],
) -> None:
    output, settings = sharded
    before = files(output / "pagefind")
    edited = "Kette"
    write_site(output, [w if w != edited else "Kettenblatt" for w in WORDS])
    (output / "kettenblatt").rename(output / "kette")
    [changed] = [name for name, words in shards_of(WORDS, 4).items() if edited in words]
    did = indexing(settings)
    assert did == {name: "indexed" if name == changed else "copied" for name in did}
    after = files(output / "pagefind")
    assert {n: d for n, d in after.items() if not n.startswith(changed)} == {
        n: d for n, d in before.items() if not n.startswith(changed)
    }
    # A new post: only its shard is indexed (a seventh page still fits four shards of two).
    write_site(output, [*WORDS, "Schlauch"])
    [new] = shards_of(["Schlauch"], 4)
    assert new in shards_of(WORDS, 4)  # a shard that was there before
    assert {name for name, how in indexing(settings).items() if how == "indexed"} == {new}
    assert set(indexing(settings).values()) == {"stays"}


def test_growing_past_one_shard_and_back_leaves_nothing_of_the_other_layout(tmp_path: Path) -> None:
    output, cache = tmp_path / "output", tmp_path / "cache"
    settings = {**DEFAULTS, "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)}
    settings["SEARCH_SHARD_PAGES"] = 2
    write_site(output, WORDS[:2])
    run = update_index(settings)
    assert run is not None and run.how == "indexed" and run.shards == {}
    whole = files(output / "pagefind")
    assert "pagefind.js" in whole and "pagefind-ui.js" in whole  # the one index as before
    write_site(output, WORDS[:3])
    assert set(indexing(settings)) == set(shards_of(WORDS[:3], 2))
    assert not (output / "pagefind" / "pagefind.js").exists()
    [kept] = cache.glob("site_search/*")
    assert sorted(p.name for p in kept.iterdir()) == sorted(shards_of(WORDS[:3], 2))
    write_site(output, WORDS[:2])
    run = update_index(settings)
    assert run is not None and run.how == "indexed" and run.shards == {}
    assert sorted(files(output / "pagefind")) == sorted(whole)
    assert sorted(p.name for p in kept.iterdir()) == ["digest", "pagefind"]


def test_the_index_has_as_many_shards_as_the_search_page_was_told(tmp_path: Path) -> None:
    posts = [SimpleNamespace(translations=[]) for _ in range(3)]
    settings: dict[str, object] = {**DEFAULTS, "SEARCH_SHARD_PAGES": 2}
    context = {"articles": posts, "author_profiles": {"miriam-keller": object()}}
    assert plan(settings, context, "author_profiles") == 2
    assert settings[PLANNED] == 2
    # Only two pages are written; the search page was told of two shards, so two there are.
    output = tmp_path / "output"
    write_site(output, ["Velofahren", "Bremse"])
    assert len(shards_of(["Velofahren", "Bremse"], 2)) == 2
    settings.update(OUTPUT_PATH=str(output), CACHE_PATH=str(tmp_path / "cache"))
    assert set(indexing(settings)) == {"shard-01", "shard-02"}


@pytest.mark.parametrize("value", [0, -5, "500", True, 2.5, None])
def test_a_shard_size_that_cannot_work_is_named_with_its_value(value: object) -> None:
    with pytest.raises(ValueError) as raised:
        validate({**DEFAULTS, "SEARCH_SHARD_PAGES": value})
    assert str(raised.value) == (
        f"SEARCH_SHARD_PAGES has value {value!r}. Expected a whole number of at least 1."
    )
