"""Text on social cards: the font, look-alikes for letters it lacks, lines fitted to a width."""

from __future__ import annotations

import functools
import logging
import unicodedata
from pathlib import Path

from PIL import ImageFont

logger = logging.getLogger(__name__)

ELLIPSIS = "…"
# DejaVu Sans Bold (Bitstream Vera licence, fonts/LICENSE-DejaVu.txt) ships with the plugin, so
# cards show umlauts, ß and most European letters on every machine without any setting.
DEFAULT_FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"
# For letters a font lacks (an operator's own font, or scripts DejaVu does not cover), these
# keep names readable: the German convention for umlauts, the base letter for accented ones.
_FALLBACKS = {
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS",
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe",
    "Đ": "D", "đ": "d", "ı": "i", "Þ": "Th", "þ": "th", "ð": "d",
    "–": "-", "—": "-", "‐": "-", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "‘": "'", "‚": "'", "‹": "'", "›": "'", "€": "EUR", "•": "-", "×": "x", "\u00a0": " ",
}  # fmt: skip
# A code point no font maps: whatever FreeType draws for it is the "missing glyph" box.
_UNMAPPED = "\U0010fffd"


def wrap_text(
    text: str, font: ImageFont.FreeTypeFont, max_width: float, max_lines: int
) -> list[str]:
    """Break text into at most max_lines lines that fit max_width, ending in … if cut."""
    lines: list[str] = []
    current = ""
    for word in drawable(text, font).split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        # A word longer than a whole line (a URL, a German compound) is cut where it must be.
        while font.getlength(word) > max_width and len(word) > 1:
            cut = _longest_fitting_prefix(word, font, max_width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(f"{kept[-1]} {lines[max_lines]}", font, max_width)
    return kept


def card_font(size: int, font_path: Path | None) -> ImageFont.FreeTypeFont:
    """The card font at a size: the given font file, else the shipped DejaVu Sans Bold."""
    if font_path is not None:
        return ImageFont.truetype(str(font_path), size)
    # Basic layout gives the same pixels with or without libraqm installed; the letters of
    # German, French and Italian names need no complex shaping.
    return _shipped_font(size)


@functools.lru_cache(maxsize=16)
def _shipped_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(DEFAULT_FONT), size, layout_engine=ImageFont.Layout.BASIC)


def _has_glyph(font: ImageFont.FreeTypeFont, char: str) -> bool:
    # Whether a font has a glyph does not depend on its size: asked once per font and letter
    # (rendering masks to compare was a quarter of the time of drawing a card).
    key = (font.getname(), char)
    found = _GLYPHS.get(key)
    if found is None:
        found = _GLYPHS[key] = bytes(font.getmask(char)) != bytes(font.getmask(_UNMAPPED))
    return found


_GLYPHS: dict[tuple[tuple[str | None, str | None], str], bool] = {}


def drawable(text: str, font: ImageFont.FreeTypeFont) -> str:
    """The text with each letter the font lacks replaced by a look-alike it has."""
    replaced: list[str] = []
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or _has_glyph(font, char):
            out.append(char)
            continue
        substitute = _FALLBACKS.get(char)
        if substitute is None:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            fits = base and all(_has_glyph(font, c) for c in base)
            substitute = base if fits else "?"
        replaced.append(char)
        out.append(substitute)
    if replaced:
        logger.debug(
            "author_profiles: card font has no glyph for %s; drew look-alikes instead "
            "(set a font file with wider coverage)",
            "".join(sorted(set(replaced))),
        )
    return "".join(out)


def fit_line(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> str:
    """The text on one line of max_width, ending in … where it had to be cut."""
    text = drawable(text, font)
    if font.getlength(text) <= max_width:
        return text
    return _with_ellipsis(text, font, max_width)


def _with_ellipsis(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> str:
    words = text.split(" ")
    # Drop whole words first; cut inside a word only when one word is all there is.
    while len(words) > 1 and font.getlength(" ".join(words) + ELLIPSIS) > max_width:
        words.pop()
    line = " ".join(words)
    while line and font.getlength(line + ELLIPSIS) > max_width:
        line = line[:-1]
    return line.rstrip(" ,;:-") + ELLIPSIS


def _longest_fitting_prefix(word: str, font: ImageFont.FreeTypeFont, max_width: float) -> int:
    cut = len(word) - 1
    while cut > 1 and font.getlength(word[:cut]) > max_width:
        cut -= 1
    return cut
