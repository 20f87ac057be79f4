"""output_folders: the folders the writer will need, made ahead; the output is the same."""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace

import pytest
from output_folders.plugin import DEFAULTS, apply_defaults, finish, folders_of, start
from pelican.settings import DEFAULT_CONFIG

from devserver.build import build
from tests.minisite import GOOD_POST, make_site
from tests.readme import documented_settings


def _item(save_as: str) -> SimpleNamespace:
    return SimpleNamespace(save_as=save_as)


def test_folders_of_posts_pages_and_groups(tmp_path: Path) -> None:
    context = {
        "articles": [_item("2025/eins/index.html"), _item("2025/zwei/index.html")],
        "drafts": [_item("entwuerfe/drei/index.html")],
        "pages": [_item("impressum/index.html"), _item("")],  # "" is not written at all
        "hidden_pages": [_item("index.html")],  # the output folder itself exists already
        "tags": [(_item("thema/velo/index.html"), [])],
        "categories": [(_item("kategorie/technik/index.html"), [])],
        "authors": [(_item(""), [])],
        "translations": [_item("../ausserhalb/index.html")],  # the writer refuses this
    }
    output = tmp_path / "output"
    assert folders_of(context, str(output)) == [
        str(output / name)
        for name in (
            "2025/eins",
            "2025/zwei",
            "entwuerfe/drei",
            "impressum",
            "kategorie/technik",
            "thema/velo",
        )
    ]


def _generators(tmp_path: Path, plugins: list[str]) -> list[SimpleNamespace]:
    settings = {"PLUGINS": plugins, "OUTPUT_FOLDERS_AHEAD": True, "OUTPUT_PATH": str(tmp_path)}
    context = {"articles": [_item("2025/eins/index.html")]}
    return [SimpleNamespace(settings=settings, context=context)]


def test_the_thread_makes_the_folders_before_the_build_ends(tmp_path: Path) -> None:
    start(_generators(tmp_path, ["output_folders"]))
    finish(SimpleNamespace())
    assert (tmp_path / "2025" / "eins").is_dir()


def test_a_build_without_the_plugin_is_left_alone(tmp_path: Path) -> None:
    # Signal receivers stay connected for the whole process once a build loaded the plugin.
    start(_generators(tmp_path, ["seo"]))
    finish(SimpleNamespace())
    assert not (tmp_path / "2025").exists()


def _tree(output: Path) -> set[str]:
    # Pagefind names some index files by a hash of content it writes in no fixed order; its
    # folder is written after the pages, where this plugin has no part.
    return {
        str(p.relative_to(output)) + ("/" if p.is_dir() else "")
        for p in output.rglob("*")
        if p.relative_to(output).parts[0] != "pagefind"
    }


def test_a_build_writes_the_same_files_and_folders_as_without_it(tmp_path: Path) -> None:
    second = GOOD_POST.replace("Ein guter Beitrag", "Zweiter Beitrag").replace(
        "Category: Technik", "Category: Technik\nTags: Velo"
    )
    draft = GOOD_POST.replace("Ein guter Beitrag", "Ein Entwurf").replace(
        "Lang: de", "Lang: de\nStatus: draft"
    )
    settings = make_site(tmp_path, {"zweiter.md": second, "entwurf.md": draft})
    ahead, alone = tmp_path / "ahead", tmp_path / "alone"
    assert not build(str(settings), {"OUTPUT_PATH": str(ahead)}).failed
    assert not build(
        str(settings), {"OUTPUT_PATH": str(alone), "OUTPUT_FOLDERS_AHEAD": False}
    ).failed
    tree = _tree(ahead)
    assert tree == _tree(alone)
    assert {"2026/zweiter-beitrag/index.html", "entwuerfe/ein-entwurf/index.html"} <= tree
    # No folder is left empty: each one made ahead was written into.
    assert all(any(p.iterdir()) for p in ahead.rglob("*") if p.is_dir())


def test_a_bad_setting_is_refused_by_name() -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["OUTPUT_FOLDERS_AHEAD"] = 1
    with pytest.raises(ValueError, match="OUTPUT_FOLDERS_AHEAD has value 1"):
        apply_defaults(SimpleNamespace(settings=settings))


def test_every_setting_is_documented_in_the_readme() -> None:
    assert documented_settings("output_folders", "OUTPUT_FOLDERS_") == set(DEFAULTS)
