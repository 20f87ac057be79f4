"""Tests for clean_images.svg: hostile drawings come out inert, or are refused with a reason."""

from __future__ import annotations

import base64
import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from clean_images import describe
from clean_images.clean import CleanSettings, clean_images
from PIL import Image

from tests.clean_images.hostile_svg import CASES, INKSCAPE_PRIVATE, LAUGHS, write_hostile_svgs
from tests.clean_images.metadata import metadata_in

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("hostile-svg")
    cases = write_hostile_svgs(folder / "in")
    names = sorted(cases)
    found = clean_images([folder / "in" / n for n in names], folder / "cache", CleanSettings())
    return dict(zip(names, found, strict=True))


def verdict(result: object) -> str:
    """'clean', 'cleaned' (published with a warning) or the refusal's key."""
    if result.refused:
        return result.issues[0].key
    return "cleaned" if any(i.key == "svg_cleaned" for i in result.issues) else "clean"


def test_every_hostile_file_gets_its_verdict(results: dict[str, object]) -> None:
    assert len(CASES) == 19
    expected = {name: case.verdict for name, case in CASES.items()} | {"clean.svg": "clean"}
    assert {name: verdict(result) for name, result in results.items()} == expected


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.forbidden))
def test_nothing_hostile_is_left(results: dict[str, object], name: str) -> None:
    output = results[name].clean.read_text(encoding="utf-8")
    left = [word for word in CASES[name].forbidden if word.lower() in output.lower()]
    assert left == [], output
    # Still a drawing: the harmless rectangle survives, and the file is well-formed SVG.
    assert ET.fromstring(output).find(f".//{SVG_NS}rect") is not None


def test_an_honest_drawing_loses_only_its_editor_data(results: dict[str, object]) -> None:
    clean = results["clean.svg"]
    assert clean.issues == ()
    output = clean.clean.read_text(encoding="utf-8")
    assert [word for word in INKSCAPE_PRIVATE if word in output] == []
    root = ET.fromstring(output)
    assert root.get("viewBox") == "0 0 120 80"
    assert root.find(f".//{SVG_NS}rect").get("fill") == "url(#g)"
    assert root.find(f".//{SVG_NS}use").get("{http://www.w3.org/1999/xlink}href") == "#box"
    assert root.find(f".//{SVG_NS}text").text == "Größe & Übung"
    assert len(root.findall(f".//{SVG_NS}stop")) == 2


def test_the_warning_says_what_was_removed(results: dict[str, object]) -> None:
    [issue] = results["foreign-object.svg"].issues
    removed = set(issue.values["removed"].split(", "))
    assert {"foreignObject", "html:script", "iframe", "embed", "object"} <= removed
    assert not issue.refused
    message, _ = describe("de", issue, "bild.svg")
    assert message.endswith("embed, foreignObject, html:script, iframe, object.")


def test_an_embedded_photo_is_re_encoded_upright_without_metadata(
    results: dict[str, object], tmp_path: Path
) -> None:
    output = results["embedded-photo.svg"].clean.read_text(encoding="utf-8")
    href = ET.fromstring(output).find(f".//{SVG_NS}image").get("href")
    assert href.startswith("data:image/jpeg;base64,")
    photo = tmp_path / "embedded.jpg"
    photo.write_bytes(base64.b64decode(href.split(",", 1)[1]))
    assert metadata_in(photo) == []
    with Image.open(photo) as image:
        assert image.size == (48, 64)


def test_expat_itself_stops_entity_expansion_bombs() -> None:
    # The second line of defence behind refusing nested entities: expat's amplification limit.
    bomb = f'<!DOCTYPE svg [<!ENTITY lol "lol">{LAUGHS}]><svg>&lol9;</svg>'
    with pytest.raises(ET.ParseError, match="amplification"):
        ET.fromstring(bomb)


def test_a_refused_file_leaves_nothing_in_the_cache(
    results: dict[str, object], tmp_path: Path
) -> None:
    for name, case in CASES.items():
        if case.verdict not in ("clean", "cleaned"):
            assert results[name].clean is None, name


def test_a_compressed_svg_is_refused_not_published_as_it_came(tmp_path: Path) -> None:
    drawing = tmp_path / "zeichnung.svgz"
    drawing.write_bytes(gzip.compress(CASES["script.svg"].text.encode()))
    [result] = clean_images([drawing], tmp_path / "cache", CleanSettings())
    assert result.refused
    assert result.issues[0].key == "image_unsupported"
    assert result.issues[0].values["kind"] == "SVGZ (gzip)"
