"""The preview server makes the search index a build ordered; requests under it wait for it."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import site_search.pagefind_run as pagefind_run
from site_search import ordered_index
from site_search.index_order import order_index
from site_search.shards import ORDER_FILE, shard_count, shard_name, shard_of
from starlette.testclient import TestClient

from devserver.search_index import HELD, OrderedIndex
from devserver.server import ReloadHub, create_preview_app
from tests.devserver.live import LivePreview, post, start_live_preview
from tests.site_search.test_shards import shard_settings

POSTS = {
    f"{slug}.md": post(title, f"Heute geht es um {word}.")
    for slug, title, word in (
        ("ritzel", "Ritzel tauschen", "Zahnkranzpflege"),
        ("speichen", "Speichen spannen", "Nippelspanner"),
        ("rahmen", "Rahmen schweissen", "Schutzgasnaht"),
        ("lager", "Lager pressen", "Einpresswerkzeug"),
    )
}


@pytest.fixture
def slow_pagefind(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Pagefind's runs held until the test sets the event (then they run for real)."""
    release = threading.Event()
    run = pagefind_run.run_pagefind

    def held(command: list[str], *rest: Any) -> None:
        release.wait(60)
        run(command, *rest)

    monkeypatch.setattr(pagefind_run, "run_pagefind", held)
    yield release
    release.set()


def test_a_request_under_the_index_waits_then_hears_it_is_still_being_made(
    tmp_path: Path, slow_pagefind: threading.Event
) -> None:
    settings = shard_settings(tmp_path, "served")
    output = Path(settings["OUTPUT_PATH"])
    assert order_index({**settings, "SEARCH_INDEX_ON_REQUEST": True}) is not None
    index = OrderedIndex(str(output), lambda: "de", wait_seconds=0.3)
    client = TestClient(create_preview_app(str(output), None, ReloadHub(), index=index))
    index.start()
    held = client.get("/pagefind/shards.json")
    assert (held.status_code, held.text) == (503, HELD["de"][0])
    assert held.headers["retry-after"] == "5"
    # The pages are served meanwhile.
    assert client.get("/kette/").status_code == 200
    slow_pagefind.set()
    assert index.wait(120) and index.ready_after is not None
    assert client.get("/pagefind/shard-01/pagefind.js").status_code == 200
    assert ordered_index(output) is None


def test_an_index_that_cannot_be_made_is_said_at_once(tmp_path: Path) -> None:
    settings = shard_settings(tmp_path, "broken")
    output = Path(settings["OUTPUT_PATH"])
    order_index({**settings, "SEARCH_INDEX_ON_REQUEST": True})
    for page in output.rglob("index.html"):
        page.unlink()
    index = OrderedIndex(str(output), lambda: "en", wait_seconds=60)
    client = TestClient(create_preview_app(str(output), None, ReloadHub(), index=index))
    index.start()
    assert not index.wait(60)
    refused = client.get("/pagefind/shards.json")
    assert (refused.status_code, refused.text) == (503, HELD["en"][1])


def marked_pages(output: Path) -> dict[str, str]:
    """Digest of every page Pagefind indexes in the served output."""
    return {
        page.relative_to(output).as_posix(): hashlib.blake2b(page.read_bytes()).hexdigest()
        for page in output.rglob("index.html")
        if b"data-pagefind-body" in page.read_bytes()
    }


def kept_bundles(folder: Path) -> dict[str, int]:
    """The inode of each shard's kept index (a new one whenever Pagefind indexed the shard)."""
    return {
        bundle.parent.name: bundle.stat().st_ino
        for bundle in folder.glob(".cache/site_search/*/shard-*/pagefind")
    }


@pytest.fixture
def sharded_preview(tmp_path: Path) -> Iterator[LivePreview]:
    running = start_live_preview(tmp_path, POSTS, settings="SEARCH_SHARD_PAGES = 2\n")
    yield running
    running.stop()


def test_the_preview_makes_the_index_after_each_build_only_the_changed_shards_again(
    sharded_preview: LivePreview,
) -> None:
    preview = sharded_preview
    output = preview.folder / "output"
    assert preview.get("/pagefind/shards.json").status_code == 200  # waited for the index
    assert "Search index ready" in preview.log.read_text(encoding="utf-8")
    pages, bundles = marked_pages(output), kept_bundles(preview.folder)
    count = shard_count(len(pages), 2)
    assert count > 2 and len(bundles) == count and not (output / ORDER_FILE).exists()
    (preview.posts / "lager.md").write_text(
        post("Lager pressen", "Heute geht es um Lagersitze."), encoding="utf-8"
    )
    preview.next_build()
    assert preview.get("/pagefind/shards.json").status_code == 200
    changed = {page for page, digest in marked_pages(output).items() if pages[page] != digest}
    kept_now = kept_bundles(preview.folder)
    remade = {name for name, inode in kept_now.items() if bundles[name] != inode}
    assert "2026/lager-pressen/index.html" in changed
    assert remade == {shard_name(shard_of(page, count)) for page in changed}
    assert len(remade) < count
    search = preview.get("/suche/")
    assert search.status_code == 200 and 'data-shards="/pagefind/shards.json"' in search.text
