"""A full build's fresh folder replaces the served one: new files in, files it did not make out."""

from __future__ import annotations

import json
from pathlib import Path

from devserver.output import ensure_backend_manifests, publish, staging_folder


def files(folder: Path) -> dict[str, str]:
    """Every file under folder (relative path -> text)."""
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(folder: Path, tree: dict[str, str]) -> None:
    for relative, text in tree.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")


def test_the_served_folder_ends_up_with_exactly_the_new_files(tmp_path: Path) -> None:
    output, staging = tmp_path / "output", tmp_path / "output-preview-build"
    write(
        output,
        {
            "index.html": "alt",
            "2026/weg/index.html": "gelöschter Beitrag",
            "seite/2/index.html": "zweite Seite, nicht mehr nötig",
            "bilder/foto.jpg": "jetzt ein Ordner",
            "feed": "eine Datei, die nun ein Ordner ist",
            "thema/alt": "ein Ordner, der nun eine Datei ist",
            ".git/HEAD": "ref: refs/heads/main",
            "bilder/logo.svg": "<svg/>",
        },
    )
    unchanged = (output / "bilder" / "logo.svg").stat().st_ino
    write(
        staging,
        {
            "index.html": "neu",
            "bilder/logo.svg": "<svg/>",
            "2026/neu/index.html": "neuer Beitrag",
            "bilder/foto.jpg/klein.jpg": "verkleinert",
            "feed/alle.atom.xml": "<feed/>",
            "thema": "jetzt eine Datei",
        },
    )
    publish(str(staging), str(output))
    assert files(output) == {
        ".git/HEAD": "ref: refs/heads/main",
        "2026/neu/index.html": "neuer Beitrag",
        "bilder/foto.jpg/klein.jpg": "verkleinert",
        "bilder/logo.svg": "<svg/>",
        "feed/alle.atom.xml": "<feed/>",
        "index.html": "neu",
        "thema": "jetzt eine Datei",
    }
    # A file the build made again unchanged is left alone (no write for a browser to notice).
    assert (output / "bilder" / "logo.svg").stat().st_ino == unchanged
    assert not (output / "2026" / "weg").exists() and not (output / "seite").exists()
    assert not staging.exists()


def test_the_backend_finds_a_manifest_even_when_the_build_wrote_none(tmp_path: Path) -> None:
    write(tmp_path, {"polls/manifest.json": '{"version": 1, "polls": ["from the build"]}'})
    ensure_backend_manifests(str(tmp_path))
    assert json.loads((tmp_path / "polls" / "manifest.json").read_text())["polls"] == [
        "from the build"
    ]
    assert json.loads((tmp_path / "reach" / "manifest.json").read_text())["pages"] == []


def test_the_fresh_folder_sits_next_to_the_output() -> None:
    assert staging_folder("output/") == "output-preview-build"
    assert staging_folder("/srv/site/output") == "/srv/site/output-preview-build"
