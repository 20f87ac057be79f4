"""content_cache: clean builds read the content cache and write the same site as without it.

Pelican trusts its content cache whatever changed since it was written; the plugin keeps it
only for the same readers (settings they see, their code) and writes it in one piece.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from content_cache.plugin import KEY, guard_cache
from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG
from site_search.shards import ORDER_FILE

from devserver.build import build
from devserver.site_settings import settings_over
from tests.minisite import make_site

CACHE_NAME = "ArticlesGenerator-Readers"
SECOND_POST = """\
Title: Eine Frage an alle
Date: 2026-03-20 10:00
Category: Ideen
Tags: Velo, Werkstatt
Author: miriam-keller
Lang: de
Summary: Wir fragen.

Wie [der gute Beitrag]({filename}/posts/good.md) schon sagte:

```poll
id: werkstatt-fest
question: Wann feiern wir?
options:
  - {id: mai, label: Im Mai}
  - {id: juni, label: Im Juni}
closes: 2099-12-31
```
"""
# A post with a field no rule knows: a warning the readers report, and not again when the post
# comes from the cache (then the check after the build reports it).
WARNED_POST = """\
Title: Ein Beitrag mit Stimmung
Date: 2026-03-21 10:00
Category: Technik
Author: miriam-keller
Lang: de
Summary: Mit einem Feld zu viel.
Stimmung: heiter

Ein Feld, das es nicht gibt.
"""
# A cache entry for a file no build reads: it stays in the cache only if the cache was loaded.
NEVER_READ = "/nowhere/never-read.md"
NO_CACHE = {"LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False}


def _settings(folder: Path) -> tuple[Path, Path]:
    """The tiny site's preview and publish settings, sharing one cache folder."""
    make_site(folder, {"zweiter.md": SECOND_POST, "stimmung.md": WARNED_POST})
    content, cache = folder / "content", folder / "cache"
    preview = folder / "preview.py"
    preview.write_text(settings_over(content) + f"CACHE_PATH = {str(cache)!r}\n", encoding="utf-8")
    publish = folder / "publish.py"
    publish.write_text(
        settings_over(content, base="publishconf")
        + f"CACHE_PATH = {str(cache)!r}\nSITEURL = FEED_DOMAIN = 'https://blog.example.org'\n",
        encoding="utf-8",
    )
    return preview, publish


def _files(output: Path) -> dict[str, bytes]:
    """Every file written, byte for byte, but what differs between any two builds.

    Two builds without any cache differ only there: the backend manifests carry the time they
    were made ("generated"), and Pagefind names its index files by a hash that changes from
    run to run. The index is left out (the pages it indexes are compared), and so is the
    preview's order of it (it names its own output folder), the time dropped.
    """
    found = {}
    for path in sorted(output.rglob("*")):
        name = path.relative_to(output).as_posix()
        if not path.is_file() or name.startswith("pagefind/") or name == ORDER_FILE:
            continue
        data = path.read_bytes()
        if name.endswith("manifest.json"):
            manifest = json.loads(data)
            manifest.pop("generated", None)
            data = json.dumps(manifest, sort_keys=True).encode()
        found[name] = data
    return found


def _cache(folder: Path) -> dict[str, Any]:
    with open(folder / "cache" / CACHE_NAME, "rb") as stored:
        loaded: dict[str, Any] = pickle.load(stored)
    return loaded


def test_clean_builds_from_the_content_cache_equal_builds_without_it(tmp_path: Path) -> None:
    preview, publish = _settings(tmp_path)
    # The preview without loading a cache (it writes one), then a clean preview loading it.
    fresh_preview = build(
        str(preview), {"OUTPUT_PATH": str(tmp_path / "fresh-preview"), "LOAD_CONTENT_CACHE": False}
    )
    assert not fresh_preview.failed and fresh_preview.problems == 1  # the unknown field
    written = _cache(tmp_path)
    posts = {str(tmp_path / "content" / "posts" / n) for n in ("good.md", "zweiter.md")}
    assert posts <= written.keys()
    written[NEVER_READ] = (0.0, ("<p>nie gelesen</p>", {}))
    with open(tmp_path / "cache" / CACHE_NAME, "wb") as stored:
        pickle.dump(written, stored)

    cached_preview = build(str(preview), {"OUTPUT_PATH": str(tmp_path / "cached-preview")})
    assert NEVER_READ in _cache(tmp_path)  # loaded and kept: the readers are the same
    # Every problem is reported again, though no post was read afresh.
    assert not cached_preview.failed and cached_preview.problems == fresh_preview.problems
    _assert_same_files(tmp_path / "cached-preview", tmp_path / "fresh-preview")

    # The publish build reads the preview's cache: only the writing side's settings differ.
    cached = build(str(publish), {"OUTPUT_PATH": str(tmp_path / "cached")})
    assert not cached.failed and cached.problems == fresh_preview.problems
    assert NEVER_READ in _cache(tmp_path)
    fresh = build(str(publish), {"OUTPUT_PATH": str(tmp_path / "fresh"), **NO_CACHE})
    assert not fresh.failed and fresh.problems == cached.problems
    assert "2026/eine-frage-an-alle/index.html" in _files(tmp_path / "fresh")
    _assert_same_files(tmp_path / "cached", tmp_path / "fresh")


def _assert_same_files(cached: Path, fresh: Path) -> None:
    cached_files, fresh_files = _files(cached), _files(fresh)
    assert cached_files.keys() == fresh_files.keys()
    assert [name for name in fresh_files if cached_files[name] != fresh_files[name]] == []


def _readers(tmp_path: Path, **changed: Any) -> SimpleNamespace:
    """A generator with Pelican's own readers, their content cache in tmp_path/cache."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(
        CACHE_PATH=str(tmp_path / "cache"),
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=True,
        GZIP_CACHE=False,
        PLUGINS=["content_cache"],
        **changed,
    )
    generator = SimpleNamespace(settings=settings, readers=Readers(settings, CACHE_NAME))
    guard_cache(generator)
    return generator


def _cached_post(tmp_path: Path) -> tuple[Path, Any]:
    """Write a one-line post and save it in the readers' cache as a first build would."""
    source = tmp_path / "post.md"
    source.write_text("Title: A\n\nText.\n", encoding="utf-8")
    first = _readers(tmp_path)
    first.readers.cache_data(str(source), ("<p>Text.</p>", {"title": "A"}))
    first.readers.save_cache()
    return source, first


def test_a_cache_is_kept_for_the_same_readers_and_emptied_for_others(tmp_path: Path) -> None:
    source, first = _cached_post(tmp_path)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [CACHE_NAME]  # no temporary

    def remembered(**changed: Any) -> Any:
        return _readers(tmp_path, **changed).readers.get_cached_data(str(source))

    assert remembered() == ("<p>Text.</p>", {"title": "A"})
    # Only the writing side differs (the preview's and the publish build's settings).
    assert remembered(SITEURL="https://blog.example.org", RELATIVE_URLS=False) is not None
    # Who runs Pagefind (publishconf.py: the build; pelicanconf.py: the preview server).
    assert remembered(SEARCH_INDEX_ON_REQUEST=False) is not None
    # How many processes write the pages is not what the readers read.
    assert (
        remembered(
            PARALLEL_WRITE_PROCESSES=1,
            PARALLEL_WRITE_BALANCE=False,
            PARALLEL_WRITE_FORK_MAX_POSTS=10,
        )
        is not None
    )
    # What the readers see: another Markdown configuration, another time zone.
    assert remembered(MARKDOWN={"extensions": ["markdown.extensions.toc"]}) is None
    first.readers.save_cache()
    assert remembered(TIMEZONE="Europe/Berlin") is None


def test_a_cache_pelican_wrote_without_the_plugin_is_not_trusted(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_text("Title: A\n\nText.\n", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    stamp = os.path.getmtime(source)
    with open(tmp_path / "cache" / CACHE_NAME, "wb") as stored:
        pickle.dump({str(source): (stamp, ("<p>alt</p>", {}))}, stored)
    generator = _readers(tmp_path)
    assert generator.readers.get_cached_data(str(source)) is None
    assert set(generator.readers._cache) == {KEY}


def test_a_cache_that_took_nothing_new_is_not_written_again(tmp_path: Path) -> None:
    source, _ = _cached_post(tmp_path)
    saved = os.stat(tmp_path / "cache" / CACHE_NAME)
    unchanged = _readers(tmp_path)
    assert unchanged.readers.get_cached_data(str(source)) == ("<p>Text.</p>", {"title": "A"})
    unchanged.readers.save_cache()
    # Saving moves a new file into place: the same inode means nothing was written.
    assert os.stat(tmp_path / "cache" / CACHE_NAME).st_ino == saved.st_ino
    changed = _readers(tmp_path)
    changed.readers.cache_data(str(source), ("<p>Neu.</p>", {"title": "A"}))
    changed.readers.save_cache()
    assert os.stat(tmp_path / "cache" / CACHE_NAME).st_ino != saved.st_ino
    assert _readers(tmp_path).readers.get_cached_data(str(source)) == (
        "<p>Neu.</p>",
        {"title": "A"},
    )


def test_saving_keeps_no_second_copy_of_the_html_in_memory(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_text("Title: Über\n\nGrüße.\n", encoding="utf-8")
    html = "<p>Grüße aus der Werkstatt, ein Satz mit Umlauten: Türen, Öfen, Maße.</p>" * 50
    alone = sys.getsizeof(html)
    generator = _readers(tmp_path)
    generator.readers.cache_data(str(source), (html, {"title": "Über"}))
    generator.readers.save_cache()
    # Pickling a text keeps its UTF-8 form inside the string (CPython) for as long as it lives:
    # every post's HTML twice for the rest of the build.
    assert sys.getsizeof(html) == alone
    assert isinstance(_cache(tmp_path)[str(source)][1][0], bytes)  # stored as UTF-8
    loaded = _readers(tmp_path).readers.get_cached_data(str(source))
    assert loaded == (html, {"title": "Über"}) and type(loaded[0]) is str


def test_the_readers_let_go_of_the_cache_once_it_is_saved(tmp_path: Path) -> None:
    source, first = _cached_post(tmp_path)
    # Pelican saves once, after reading: the records are not needed for the rest of the build.
    assert first.readers._cache == {}
    # A file read again later (the preview's kept site) neither lands in it nor empties the file.
    first.readers.cache_data(str(source), ("<p>Später.</p>", {"title": "A"}))
    first.readers.save_cache()
    assert first.readers._cache == {}
    assert _readers(tmp_path).readers.get_cached_data(str(source)) == (
        "<p>Text.</p>",
        {"title": "A"},
    )


def test_posts_loaded_from_the_cache_share_equal_tags_and_short_texts(tmp_path: Path) -> None:
    from pelican.urlwrappers import Category, Tag

    first, second = tmp_path / "a.md", tmp_path / "b.md"
    generator = _readers(tmp_path)
    settings = generator.settings
    for source in (first, second):
        source.write_text("Title: A\n\nText.\n", encoding="utf-8")
        metadata = {
            "tags": [Tag("Werkstatt", settings), Tag("Velo", settings)],
            "category": Category("Technik", settings),
            "lang": "".join(["d", "e"]),  # a string of its own, as unpickling makes them
        }
        generator.readers.cache_data(str(source), ("<p>Text.</p>", metadata))
    generator.readers.save_cache()
    loaded = _readers(tmp_path).readers
    one, two = (loaded.get_cached_data(str(s))[1] for s in (first, second))
    assert [t.name for t in one["tags"]] == ["Werkstatt", "Velo"]
    assert all(a is b for a, b in zip(one["tags"], two["tags"], strict=True))
    assert one["category"] is two["category"] and one["lang"] is two["lang"] == "de"


def test_an_entry_of_another_shape_is_saved_and_loaded_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_text("Title: A\n\nText.\n", encoding="utf-8")
    generator = _readers(tmp_path)
    generator.readers.cache_data(str(source), "Ärger: kein Paar aus Text und Feldern")
    generator.readers.save_cache()
    loaded = _readers(tmp_path).readers.get_cached_data(str(source))
    assert loaded == "Ärger: kein Paar aus Text und Feldern"
