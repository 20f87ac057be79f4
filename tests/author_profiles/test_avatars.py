"""Tests for author_profiles.avatars: initials, colours and the SVG they make."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from author_profiles.avatars import PALETTE, initials, initials_svg, palette_colour

SVG = "{http://www.w3.org/2000/svg}"


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #RRGGBB colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return (1.0 + 0.05) / (relative_luminance(colour) + 0.05)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Miriam Keller", "MK"),
        ("Cher", "C"),
        ("Jürgen Müller", "JM"),
        ("Özlem Ärger", "ÖÄ"),
        ("ursula von der leyen", "UL"),
        ("Jean-Luc Picard", "JP"),
        ("  Anna   Lena  Berg ", "AB"),
        ("E\u0308mil Zola", "ËZ"),  # decomposed umlaut stays one letter
        ("Lukas (Luki) Frei", "LF"),
        ("ßenny", "S"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_palette_colours_are_readable_with_white_text() -> None:
    assert len(PALETTE) == len(set(PALETTE)) >= 8
    for colour in PALETTE:
        assert contrast_with_white(colour) >= 4.5, colour


def test_contrast_formula_matches_known_values() -> None:
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#FFFFFF") == pytest.approx(1.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)


def test_palette_colour_is_deterministic_and_spread() -> None:
    # Pinned: a changed palette or hash would change everybody's avatar.
    assert palette_colour("mkeller") == palette_colour("mkeller") == "#15803D"
    assert palette_colour(" MKeller ") == palette_colour("mkeller")
    used = {palette_colour(f"person-{n}") for n in range(200)}
    assert len(used) >= len(PALETTE) - 1


def test_svg_whole_output() -> None:
    svg = initials_svg("Miriam Keller", "mkeller", "Miriam Keller")
    assert svg == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" role="img"'
        ' aria-label="Miriam Keller"><title>Miriam Keller</title>'
        '<rect width="100" height="100" fill="#15803D"/>'
        '<path d="M0 72 C20 64 40 80 60 72 S90 64 100 70 V100 H0 Z" fill="#000000"'
        ' fill-opacity="0.16"/>'
        '<path d="M0 86 C25 78 50 94 75 86 S95 80 100 84 V100 H0 Z" fill="#000000"'
        ' fill-opacity="0.2"/>'
        '<text x="50" y="50" dy="0.35em" text-anchor="middle" fill="#FFFFFF"'
        " font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial,"
        " 'Noto Sans', 'Liberation Sans', sans-serif\" font-size=\"36\""
        ' font-weight="700" letter-spacing="1">MK</text></svg>'
    )


def test_the_waves_only_darken_so_the_letters_keep_their_contrast() -> None:
    for handle in ("mkeller", "felix-hartmann", "nadine-koch", "a", "b", "c"):
        root = ET.fromstring(initials_svg("Miriam Keller", handle, "x"))
        waves = root.findall(f"{SVG}path")
        assert len(waves) == 2
        assert all(path.get("fill") == "#000000" for path in waves)
        assert all(0 < float(path.get("fill-opacity") or 1) <= 0.25 for path in waves)


def test_the_waves_are_fixed_per_person_and_vary_between_people() -> None:
    lines = {
        ET.fromstring(initials_svg("A B", f"person-{n}", "x")).find(f"{SVG}path").get("d")
        for n in range(20)
    }
    assert len(lines) == 2
    assert initials_svg("A B", "mkeller", "x") == initials_svg("A B", " MKeller ", "x")


@pytest.mark.parametrize(
    ("name", "handle", "label", "letters"),
    [
        ("Jürgen Müller", "jmueller", "Jürgen Müller", "JM"),
        ("Cher", "cher", "Cher, Empfang", "C"),
        ("Tom <script>", "tom", 'Tom "the <b>boss</b>" & co', "TS"),
        ("", "nobody", "Unbekannt", "?"),
    ],
)
def test_svg_structure(name: str, handle: str, label: str, letters: str) -> None:
    svg = initials_svg(name, handle, label, size=48)
    root = ET.fromstring(svg)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == label
    assert root.get("viewBox") == "0 0 100 100"
    assert root.get("width") == root.get("height") == "48"
    tags = [f"{SVG}title", f"{SVG}rect", f"{SVG}path", f"{SVG}path", f"{SVG}text"]
    assert [child.tag for child in root] == tags
    title, rect, *_waves, text = list(root)
    assert title.text == label
    assert rect.get("fill") == palette_colour(handle)
    assert text.text == letters
    assert (text.get("font-family") or "").endswith("sans-serif")


def test_svg_has_no_external_references() -> None:
    svg = initials_svg("Miriam Keller", "mkeller", "Miriam Keller")
    for reference in (
        "href",
        "url(",
        "@import",
        "@font-face",
        "<image",
        "<use",
        "http://www.w3.org/1999/xlink",
    ):
        assert reference not in svg
    # The one URL is the namespace name, which nothing fetches.
    assert svg.count("http") == 1
