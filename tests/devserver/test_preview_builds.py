"""Which saves the preview renders at once, and which wait for the full build."""

from __future__ import annotations

from pathlib import Path

from devserver.preview_builds import edited_texts, quick_sources


def _files(folder: Path, *names: str) -> list[str]:
    paths = []
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_saved_texts_go_to_the_kept_build_and_anything_else_to_the_full_build(
    tmp_path: Path,
) -> None:
    post, profile, settings, style = _files(
        tmp_path,
        "content/posts/a.md",
        "content/authors/miriam.md",
        "pelicanconf.py",
        "theme/static/site.css",
    )
    assert edited_texts([post, profile]) == [post, profile]
    # A settings file, a stylesheet, a deleted text: the full build alone (it reads them all).
    assert edited_texts([settings]) is None
    assert edited_texts([post, settings]) is None
    assert edited_texts([style]) is None
    assert edited_texts([str(tmp_path / "content" / "posts" / "deleted.md")]) is None
    # The Pelican pass the preview falls back to writes posts and pages only.
    assert quick_sources([post]) == [post]
    assert quick_sources([profile]) is None
