"""The preview's search index: ordered by the build, made afterwards, only changed shards again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from editorial.review.linkcheck import check_output
from pelican.settings import get_settings_from_file
from site_search import make_ordered_index, ordered_index
from site_search.index_order import order_index
from site_search.pagefind_index import EARLY, update_index
from site_search.pagefind_run import BACKGROUND, PagefindFailed, run_pagefind
from site_search.plugin import start_early_index
from site_search.shards import MANIFEST, ORDER_FILE

from tests.minisite import make_site
from tests.site_search.test_shards import WORDS, files, shard_settings, shards_of, write_site
from tests.sites import ROOT, built, run_build


def ordered(settings: dict[str, Any]) -> dict[str, str]:
    """What ordering did to each shard ("" for the whole index)."""
    run = order_index({**settings, "SEARCH_INDEX_ON_REQUEST": True})
    assert run is not None
    return run.shards


def made(output: Path) -> dict[str, str]:
    """What making the order did to each shard."""
    run = make_ordered_index(output)
    assert run is not None
    return run.shards


def order_of(output: Path) -> dict[str, Any]:
    """The order file the build left."""
    order: dict[str, Any] = json.loads((output / ORDER_FILE).read_text(encoding="utf-8"))
    return order


def test_a_sharded_order_names_each_shards_pages_and_makes_the_index_a_build_makes(
    tmp_path: Path,
) -> None:
    settings = shard_settings(tmp_path, "ordered")
    output = Path(settings["OUTPUT_PATH"])
    shards = shards_of(WORDS, 4)
    assert ordered(settings) == dict.fromkeys(shards, "ordered")
    # No Pagefind in the build: the index folder holds only the list the search page opens.
    assert sorted(files(output / "pagefind")) == [MANIFEST]
    order = order_of(output)
    assert order["count"] == 4 and order["kept_for"] == str(output.resolve())
    assert {
        name: {page.split("/")[0] for page, _ in shard["pages"]}
        for name, shard in order["shards"].items()
    } == {name: {word.lower() for word in words} for name, words in shards.items()}
    assert ordered_index(output) == "pagefind"
    assert made(output) == dict.fromkeys(shards, "indexed")
    assert not (output / ORDER_FILE).exists() and ordered_index(output) is None
    # The same files as the index a build makes itself, from a cache of its own.
    built = shard_settings(tmp_path, "built")
    assert update_index(built) is not None
    assert files(output / "pagefind") == files(Path(built["OUTPUT_PATH"]) / "pagefind")
    assert make_ordered_index(output) is None  # nothing ordered any more


def test_the_next_build_orders_only_the_edited_shard_and_links_the_others(
    tmp_path: Path,
) -> None:
    settings = shard_settings(tmp_path, "edited")
    output = Path(settings["OUTPUT_PATH"])
    ordered(settings)
    made(output)
    before = files(output / "pagefind")
    # A clean build again (the preview's fresh build folder), with one post edited.
    write_site(output, [w if w != "Kette" else "Kettenblatt" for w in WORDS])
    (output / "kettenblatt").rename(output / "kette")
    [changed] = [name for name, words in shards_of(WORDS, 4).items() if "Kette" in words]
    assert ordered(settings) == {
        name: "ordered" if name == changed else "copied" for name in shards_of(WORDS, 4)
    }
    assert list(order_of(output)["shards"]) == [changed]
    assert made(output) == {changed: "indexed"}
    after = files(output / "pagefind")
    assert {n: d for n, d in after.items() if not n.startswith(changed)} == {
        n: d for n, d in before.items() if not n.startswith(changed)
    }
    # Nothing changed since: nothing ordered, and an earlier order is gone.
    (output / ORDER_FILE).write_text("{}", encoding="utf-8")
    assert set(ordered(settings).values()) == {"stays"}
    assert not (output / ORDER_FILE).exists()


def test_the_kept_index_belongs_to_the_build_folder_not_to_the_one_serving_it(
    tmp_path: Path,
) -> None:
    # The preview builds into a folder of its own and moves the pages into the served one.
    settings = {**shard_settings(tmp_path, "preview"), "SEARCH_SHARD_PAGES": 500}
    building = Path(settings["OUTPUT_PATH"])
    served = tmp_path / "served"
    assert ordered(settings) == {"": "ordered"}
    assert not (building / "pagefind").exists()
    shutil.move(building, served)
    assert made(served) == {"": "indexed"}
    assert (served / "pagefind" / "pagefind.js").is_file()
    write_site(building, WORDS)
    assert ordered(settings) == {"": "copied"}
    assert not (building / ORDER_FILE).exists()
    assert files(building / "pagefind") == files(served / "pagefind")


def test_an_order_a_newer_build_left_while_the_index_was_made_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = {**shard_settings(tmp_path, "newer"), "SEARCH_SHARD_PAGES": 500}
    output = Path(settings["OUTPUT_PATH"])
    ordered(settings)
    newer = {**order_of(output), "count": 1, "newer": True}
    import site_search.pagefind_run as pagefind_run

    run = pagefind_run.run_pagefind

    def and_a_build_publishes(command: list[str], *rest: Any) -> None:
        run(command, *rest)
        (output / ORDER_FILE).write_text(json.dumps(newer), encoding="utf-8")

    monkeypatch.setattr(pagefind_run, "run_pagefind", and_a_build_publishes)
    assert made(output) == {"": "indexed"}
    assert order_of(output) == newer


def test_an_order_of_another_version_or_unreadable_is_made_by_no_one(tmp_path: Path) -> None:
    (tmp_path / ORDER_FILE).write_text('{"version": 0}', encoding="utf-8")
    assert ordered_index(tmp_path) is None and make_ordered_index(tmp_path) is None
    (tmp_path / ORDER_FILE).write_text("{nicht json", encoding="utf-8")
    assert ordered_index(tmp_path) is None and make_ordered_index(tmp_path) is None


def test_a_failed_run_is_reported_and_the_order_stays(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = {**shard_settings(tmp_path, "failed"), "SEARCH_SHARD_PAGES": 500}
    output = Path(settings["OUTPUT_PATH"])
    ordered(settings)
    for page in output.rglob("index.html"):
        page.unlink()  # Pagefind finds none of the ordered pages
    assert make_ordered_index(output) is None
    assert "Pagefind konnte den Suchindex nicht schreiben" in caplog.text
    assert ordered_index(output) == "pagefind"


def test_the_preview_servers_pagefind_runs_at_the_lowest_priority() -> None:
    # A shell in Pagefind's place says its niceness: 19 in the background, else the test's own.
    says_19 = ["sh", "-c", 'test "$(nice)" -ge 19']
    run_pagefind(says_19, {BACKGROUND: True})
    if os.nice(0) < 19:
        with pytest.raises(PagefindFailed):
            run_pagefind(says_19, {})


def test_a_build_that_orders_the_index_starts_no_early_index(tmp_path: Path) -> None:
    settings = {**shard_settings(tmp_path, "early"), "SEARCH_INDEX_ON_REQUEST": True}
    post = SimpleNamespace(status="published", save_as="kette/index.html", translations=[])
    context: dict[str, Any] = {"articles": [post], "author_profiles": {}}
    start_early_index([SimpleNamespace(settings=settings, context=context)])
    assert EARLY not in settings and EARLY not in context


def test_a_value_that_cannot_work_is_one_line_naming_the_file_and_setting(tmp_path: Path) -> None:
    settings = make_site(tmp_path, {}, 'SEARCH_INDEX_ON_REQUEST = "yes"\n')
    run = run_build(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert run.returncode == 2
    assert run.log.strip() == (
        f"critical: {settings}: Eine Einstellung ist ungültig: SEARCH_INDEX_ON_REQUEST has "
        "value 'yes'. Expected True (made by the preview server) or False. Korrigieren Sie sie "
        "in dieser Datei."
    )


@pytest.mark.parametrize(
    ("settings_file", "on_request"),
    [("pelicanconf.py", True), ("publishconf.py", False), ("intranetconf.py", False)],
)
def test_only_the_preview_leaves_its_index_to_the_preview_server(
    settings_file: str, on_request: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    settings = get_settings_from_file(str(ROOT / settings_file))
    assert settings["SEARCH_INDEX_ON_REQUEST"] is on_request


def test_a_preview_build_orders_its_index_and_the_link_check_accepts_the_output(
    tmp_path: Path,
) -> None:
    settings = make_site(tmp_path, {})
    run = built(tmp_path / "output", settings=str(settings), cwd=tmp_path)
    assert not (run.output / "pagefind" / "pagefind.js").exists()
    assert ordered_index(run.output) == "pagefind"
    search = run.html("suche/index.html").select_one("#search")
    assert search is not None and search["data-index"] == "/pagefind/pagefind.js"
    assert [link for link in check_output(run.output, "", []) if "pagefind" in link.url] == []
    assert made(run.output) == {"": "indexed"}
    assert (run.output / "pagefind" / "pagefind.js").is_file()
