"""Initials avatars for people without a photo (or without consent to show one)."""

from __future__ import annotations

import hashlib
import unicodedata
from xml.sax.saxutils import escape, quoteattr

# Every colour has at least 4.5:1 contrast with white text (WCAG AA for normal text);
# tests/author_profiles/test_avatars.py checks this. Append only: reordering or removing
# a colour changes everybody's avatar.
PALETTE: tuple[str, ...] = (
    "#B91C1C",  # red
    "#B45309",  # amber
    "#15803D",  # green
    "#047857",  # emerald
    "#0E7490",  # cyan
    "#0369A1",  # sky
    "#4338CA",  # indigo
    "#7C3AED",  # violet
    "#A21CAF",  # fuchsia
    "#BE185D",  # pink
    "#475569",  # slate
    "#7A4A1F",  # brown
)

TEXT_COLOUR = "#FFFFFF"

# Generic families only: the SVG must not fetch fonts from anywhere.
FONT_STACK = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
    "'Noto Sans', 'Liberation Sans', sans-serif"
)

_VIEWBOX = 100

# The covers' lake in miniature (devserver/imagery/covers.py): two darker waves below the letters.
# Darker only: the text keeps its 4.5:1 contrast.
_WAVE = '<path d="{d} V100 H0 Z" fill="#000000" fill-opacity="{opacity}"/>'
_WAVES = tuple(
    _WAVE.format(d=back, opacity="0.16") + _WAVE.format(d=front, opacity="0.2")
    for back, front in (
        ("M0 72 C20 64 40 80 60 72 S90 64 100 70", "M0 86 C25 78 50 94 75 86 S95 80 100 84"),
        ("M0 70 C15 76 35 62 55 70 S85 78 100 68", "M0 84 C20 90 45 76 70 84 S90 90 100 82"),
    )
)


def palette_colour(handle: str) -> str:
    """Return the background colour (hex) for a person's handle."""
    # hashlib, not hash(): str hashes are salted per process and would change every build.
    digest = hashlib.sha256(handle.strip().casefold().encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]


def initials(name: str) -> str:
    """Return the initials of a name: first and last word, or one letter for one word."""
    words = [w for w in unicodedata.normalize("NFC", name).split() if _first_letter(w)]
    if not words:
        return ""
    letters = [_first_letter(words[0])]
    if len(words) > 1:
        letters.append(_first_letter(words[-1]))
    return "".join(letters)


def _first_letter(word: str) -> str:
    for char in word:
        if char.isalnum():
            # "ß".upper() is "SS"; keep one letter per word.
            return char.upper()[0]
    return ""


def initials_svg(name: str, handle: str, label: str, size: int | None = None) -> str:
    """Return a square SVG avatar: the initials of `name` over a lake in the handle's colour."""
    text = initials(name) or "?"
    # Two letters need a smaller size than one to keep a margin inside a circle crop.
    font_size = 36 if len(text) > 1 else 42
    dimensions = f' width="{size}" height="{size}"' if size else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_VIEWBOX} {_VIEWBOX}"'
        f'{dimensions} role="img" aria-label={quoteattr(label)}>'
        f"<title>{escape(label)}</title>"
        f'<rect width="{_VIEWBOX}" height="{_VIEWBOX}" fill="{palette_colour(handle)}"/>'
        f"{_WAVES[_variant(handle)]}"
        f'<text x="50" y="50" dy="0.35em" text-anchor="middle" fill="{TEXT_COLOUR}"'
        f' font-family={quoteattr(FONT_STACK)} font-size="{font_size}"'
        f' font-weight="700" letter-spacing="1">{escape(text)}</text>'
        "</svg>"
    )


def _variant(handle: str) -> int:
    """Which of the two wave lines a person gets, from the handle (so it never changes)."""
    return hashlib.sha256(f"wave:{handle.strip().casefold()}".encode()).digest()[0] % 2
