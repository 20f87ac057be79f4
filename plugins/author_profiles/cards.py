"""Social cards (1200x630 OpenGraph images) for posts and for authors, drawn with Pillow."""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from .avatars import initials, palette_colour
from .card_text import card_font, drawable, fit_line, wrap_text

logger = logging.getLogger(__name__)

CARD_SIZE = (1200, 630)
_MARGIN = 80
_BACKGROUND = "#FFFFFF"
_INK = "#111827"
_MUTED = "#4B5563"
_STRIPE = "#1F2937"
_STRIPE_HEIGHT = 12
_SUPERSAMPLE = 4
_LANCZOS = Image.Resampling.LANCZOS
_MAX_FACES = 4
_TITLE_SIZES = (68, 60, 52)
_TITLE_LINES = 3
_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


@dataclass(frozen=True)
class CardPerson:
    """Someone shown on a card; `photo` is a processed square photo, None for initials."""

    name: str
    handle: str
    photo: Path | None = None
    role: str | None = None


def draw_card(
    title: str,
    people: Sequence[CardPerson],
    company_name: str,
    out_path: Path,
    *,
    font_path: Path | None = None,
    jpeg_quality: int = 88,
) -> Path:
    """Draw a post's card: title, the authors' faces and names, the company; return out_path."""
    card, draw = _blank_card(_STRIPE)
    width = CARD_SIZE[0] - 2 * _MARGIN

    company_font = card_font(30, font_path)
    draw.text(
        (_MARGIN, 56), fit_line(company_name, company_font, width), font=company_font, fill=_MUTED
    )

    title_font, lines = _title_layout(title, width, font_path)
    line_height = round(title_font.size * 1.22)
    for number, line in enumerate(lines):
        draw.text((_MARGIN, 130 + number * line_height), line, font=title_font, fill=_INK)

    if people:
        diameter, gap = 104, 12
        top = CARD_SIZE[1] - 64 - diameter
        x = _MARGIN
        for person in people[:_MAX_FACES]:
            _paste_face(card, person, (x, top), diameter, font_path)
            x += diameter + gap
        text_left = x + 16
        text_width = CARD_SIZE[0] - _MARGIN - text_left
        names_font, names = _sized_tofit_line(
            _join_names([person.name for person in people]), (34, 30, 26), text_width, font_path
        )
        middle = top + diameter // 2
        role = people[0].role if len(people) == 1 else None
        if role:
            role_font = card_font(26, font_path)
            draw.text(
                (text_left, middle - 4),
                names,
                font=names_font,
                fill=_INK,
                anchor="ls",
            )
            draw.text(
                (text_left, middle + 8),
                fit_line(role, role_font, text_width),
                font=role_font,
                fill=_MUTED,
                anchor="la",
            )
        else:
            draw.text(
                (text_left, middle),
                names,
                font=names_font,
                fill=_INK,
                anchor="lm",
            )
    return _save(card, out_path, jpeg_quality)


def draw_author_card(
    person: CardPerson,
    company_name: str,
    out_path: Path,
    *,
    font_path: Path | None = None,
    jpeg_quality: int = 88,
) -> Path:
    """Draw an author's card: face, name, role and company; return out_path."""
    card, draw = _blank_card(palette_colour(person.handle))
    diameter = 300
    top = (CARD_SIZE[1] - diameter) // 2 + _STRIPE_HEIGHT // 2
    _paste_face(card, person, (_MARGIN, top), diameter, font_path)

    text_left = _MARGIN + diameter + 64
    width = CARD_SIZE[0] - _MARGIN - text_left
    name_font, name = _sized_tofit_line(person.name, _TITLE_SIZES, width, font_path)
    role_font = card_font(36, font_path)
    company_font = card_font(30, font_path)
    role_lines = wrap_text(person.role or "", role_font, width, 2)

    name_height = round(name_font.size * 1.25)
    role_height = round(role_font.size * 1.3)
    block = name_height + role_height * len(role_lines) + 16 + company_font.size
    y = (CARD_SIZE[1] + _STRIPE_HEIGHT - block) // 2
    draw.text((text_left, y), name, font=name_font, fill=_INK)
    y += name_height
    for line in role_lines:
        draw.text((text_left, y), line, font=role_font, fill=_MUTED)
        y += role_height
    draw.text(
        (text_left, y + 16),
        fit_line(company_name, company_font, width),
        font=company_font,
        fill=_MUTED,
    )
    return _save(card, out_path, jpeg_quality)


def _blank_card(stripe: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    card = Image.new("RGB", CARD_SIZE, _BACKGROUND)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, CARD_SIZE[0], _STRIPE_HEIGHT - 1), fill=stripe)
    return card, draw


def _title_layout(
    title: str, width: int, font_path: Path | None
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    # The largest size that fits the title without cutting it; else the smallest, cut.
    for size in _TITLE_SIZES:
        font = card_font(size, font_path)
        lines = wrap_text(title, font, width, _TITLE_LINES + 1)
        if len(lines) <= _TITLE_LINES:
            return font, lines
    return font, wrap_text(title, font, width, _TITLE_LINES)


def _sized_tofit_line(
    text: str, sizes: Sequence[int], width: int, font_path: Path | None
) -> tuple[ImageFont.FreeTypeFont, str]:
    # The largest size at which the text fits on one line; else the smallest, cut.
    for size in sizes:
        font = card_font(size, font_path)
        line = drawable(text, font)
        if font.getlength(line) <= width:
            return font, line
    return font, fit_line(text, font, width)


def _join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


def _paste_face(
    card: Image.Image,
    person: CardPerson,
    position: tuple[int, int],
    diameter: int,
    font_path: Path | None,
) -> None:
    card.paste(_face(person, diameter, font_path), position, _circle_mask(diameter))


@functools.lru_cache(maxsize=8)
def _circle_mask(diameter: int) -> Image.Image:
    # Drawn large and scaled down: ImageDraw's ellipse has no anti-aliasing of its own.
    large = diameter * _SUPERSAMPLE
    mask = Image.new("L", (large, large), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, large - 1, large - 1), fill=255)
    return mask.resize((diameter, diameter), _LANCZOS)


def _face(person: CardPerson, diameter: int, font_path: Path | None) -> Image.Image:
    if person.photo is not None:
        try:
            return _photo_face(person.photo, diameter)
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
            logger.warning(
                "author_profiles: cannot read photo %s for %s's card (%s); using initials",
                person.photo,
                person.name,
                exc,
            )
    tile = Image.new("RGB", (diameter, diameter), palette_colour(person.handle))
    font = card_font(round(diameter * 0.4), font_path)
    letters = initials(drawable(person.name, font)) or "?"
    ImageDraw.Draw(tile).text(
        (diameter / 2, diameter / 2), letters, font=font, fill="#FFFFFF", anchor="mm"
    )
    return tile


def _photo_face(photo: Path, diameter: int) -> Image.Image:
    if diameter > _KEPT_FACE_DIAMETER:
        return _scaled_face(photo, diameter)  # an author's card: one per person
    return _kept_face(photo, diameter)


def _scaled_face(photo: Path, diameter: int) -> Image.Image:
    with Image.open(photo) as opened:
        return ImageOps.fit(opened.convert("RGB"), (diameter, diameter), _LANCZOS)


# A person's face is on the card of each of their posts: decoded and scaled once per worker
# (2.9 ms each time). Room for every face of a few hundred people, 43 KB each: with room for 64,
# the bench's 1,000 posts by 100 people decoded 329 faces instead of 100. The photo cache names
# its files by content, so one path never shows another face.
_KEPT_FACE_DIAMETER = 128
_kept_face = functools.lru_cache(maxsize=256)(_scaled_face)


def forget_faces() -> None:
    """Drop the faces kept for the next cards (a long-lived preview process keeps none)."""
    _kept_face.cache_clear()


def _save(card: Image.Image, out_path: Path, jpeg_quality: int) -> Path:
    out_path = Path(out_path)
    image_format = _FORMATS.get(out_path.suffix.lower())
    if image_format is None:
        raise ValueError(f"out_path {out_path} must end in .png, .jpg or .jpeg")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # A fresh image and no exif/icc/comment arguments: the file carries pixels only.
    if image_format == "JPEG":
        # Baseline, not progressive: link previews fetch the whole card before showing it,
        # and progressive encoding took 60% of the time of drawing one (7 ms against 2.7 ms).
        # No optimised Huffman tables either: they took 4.4 ms of a card's 7 (1.6 ms without)
        # for 11% fewer bytes (72 against 81 KB), which only a network's crawler downloads.
        card.save(out_path, "JPEG", quality=jpeg_quality)
    else:
        card.save(out_path, "PNG")
    return out_path
