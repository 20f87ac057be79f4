"""Draw the sample posts' cover illustrations: lake, hills and one motif per category.

Run `uv run python -m devserver.imagery.covers` to (re)draw the cover of every post whose
`Image:` lies under images/covers/. The drawing
depends only on the slug and the category, so a second run writes the same pixels; the
images carry no metadata and are small WebP files (about 10 to 30 KB each).
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
_SCALE = 2  # drawn at twice the size and scaled down, for smooth edges
_QUALITY = 82
CONTENT = Path(__file__).resolve().parents[2] / "content"
POSTS = CONTENT / "posts"
COVERS_FOLDER = "images/covers/"
_FIELD = re.compile(r"^([A-Za-z-]+):[ \t]*(.*?)[ \t]*$", re.MULTILINE)

# The company's colours (theme/static/css/site.css: --brand, --accent) and their neighbours.
LAKE_DEEP, LAKE, LAKE_LIGHT, LAKE_PALE = "#083a50", "#0b4f6c", "#2f7f9f", "#a9d1de"
RUST, ORANGE, SAND, PAPER = "#a3410f", "#d9822b", "#f1e4cc", "#f3f6f8"
MOSS, LEAF = "#1e6b34", "#6aa56b"


@dataclass(frozen=True)
class Palette:
    """Colours of one category's covers, from the sky to the front."""

    sky: str
    far: str
    middle: str
    near: str
    sun: str
    motif: str


PALETTES: dict[str, Palette] = {
    "Unternehmen": Palette(PAPER, LAKE_PALE, LAKE_LIGHT, LAKE, RUST, LAKE_DEEP),
    "Einblicke": Palette(SAND, LAKE_PALE, LAKE_LIGHT, LAKE, ORANGE, LAKE_DEEP),
    "Technik": Palette(PAPER, LAKE_PALE, "#5d7482", "#2b3a45", ORANGE, RUST),
    "Nachhaltigkeit": Palette(PAPER, "#c5dfc2", LEAF, MOSS, ORANGE, LAKE),
    "Ideen": Palette(SAND, "#f0c89a", ORANGE, RUST, LAKE, LAKE_DEEP),
    "Menschen": Palette(SAND, LAKE_PALE, LAKE_LIGHT, LAKE, RUST, LAKE_DEEP),
}


@dataclass(frozen=True)
class Cover:
    """One post's cover: the file to write and the post's category (which picks the motif)."""

    file: Path
    category: str


def covers_to_draw(posts: Path = POSTS, content: Path = CONTENT) -> list[Cover]:
    """Every post whose `Image:` lies under images/covers/, with the category of its header."""
    covers = []
    for post in sorted(posts.rglob("*.md")):
        header = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
        fields = dict(_FIELD.findall(header))
        image = fields.get("Image", "")
        if image.startswith(COVERS_FOLDER):
            category = fields.get("Category", "")
            if category not in PALETTES:
                sys.exit(
                    f"{post}: no cover palette for the category '{category}' in "
                    "devserver/imagery/covers.py"
                )
            covers.append(Cover(content / image, category))
    return covers


def draw_cover(cover: Cover) -> Image.Image:
    """Draw one cover at its final size; the same cover always gives the same pixels."""
    palette = PALETTES[cover.category]
    # hashlib, not hash(): str hashes change with every process.
    seed = int.from_bytes(hashlib.sha256(cover.file.name.encode()).digest()[:8], "big")
    rng = random.Random(seed)
    w, h = WIDTH * _SCALE, HEIGHT * _SCALE
    image = Image.new("RGB", (w, h), palette.sky)
    draw = ImageDraw.Draw(image)
    sun_r = rng.uniform(0.09, 0.14) * h
    sun_x, sun_y = rng.uniform(0.15, 0.85) * w, rng.uniform(0.2, 0.35) * h
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill=palette.sun)
    for colour, top, wave in (
        (palette.far, 0.48, 0.06),
        (palette.middle, 0.62, 0.045),
        (palette.near, 0.78, 0.03),
    ):
        draw.polygon(_hill(rng, w, h, top, wave), fill=colour)
    _MOTIFS[cover.category](draw, rng, w, h, palette)
    return image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def _hill(rng: random.Random, w: int, h: int, top: float, wave: float) -> list[tuple[float, float]]:
    """A band from a gently waving top edge down to the bottom of the picture."""
    phase, length = rng.uniform(0, math.tau), rng.uniform(0.7, 1.4)
    edge = [
        (x, h * (top + wave * math.sin(phase + x / w * math.tau * length)))
        for x in range(0, w + 1, w // 60)
    ]
    return [*edge, (w, h), (0, h)]


def _bicycle(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, p: Palette) -> None:
    r = h * 0.11
    x, y = rng.uniform(0.25, 0.6) * w, h * 0.8
    stroke = max(4, int(r * 0.12))
    for cx in (x, x + 3.4 * r):
        draw.ellipse((cx - r, y - r, cx + r, y + r), outline=p.motif, width=stroke)
    seat, head, crank = (x + 1.3 * r, y - 1.5 * r), (x + 3.0 * r, y - 1.6 * r), (x + 1.6 * r, y)
    draw.line([(x, y), seat, crank, (x, y)], fill=p.motif, width=stroke, joint="curve")
    draw.line([seat, head, crank], fill=p.motif, width=stroke, joint="curve")
    draw.line([head, (x + 3.4 * r, y)], fill=p.motif, width=stroke)
    draw.line(
        [(seat[0] - 0.3 * r, seat[1]), (seat[0] + 0.35 * r, seat[1])], fill=p.sun, width=stroke
    )


def _sheds(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, p: Palette) -> None:
    count = rng.randint(4, 6)
    tooth, base = w * 0.07, h * 0.66
    left = rng.uniform(0.05, 0.95 - count * 0.07) * w
    draw.rectangle((left, base - tooth * 0.8, left + count * tooth, base + h * 0.05), fill=p.motif)
    for i in range(count):
        x = left + i * tooth
        draw.polygon(
            [
                (x, base - tooth * 0.8),
                (x + tooth, base - tooth * 1.5),
                (x + tooth, base - tooth * 0.8),
            ],
            fill=p.motif,
        )
        draw.polygon(
            [
                (x + tooth * 0.62, base - tooth * 1.1),
                (x + tooth * 0.95, base - tooth * 1.4),
                (x + tooth * 0.95, base - tooth * 0.9),
                (x + tooth * 0.62, base - tooth * 0.9),
            ],
            fill=p.sun,
        )
    chimney = left + rng.randint(0, count - 1) * tooth + tooth * 0.3
    draw.rectangle(
        (chimney, base - tooth * 2.2, chimney + tooth * 0.18, base - tooth), fill=p.motif
    )


def _gear(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, p: Palette) -> None:
    cx, cy, r = rng.uniform(0.55, 0.8) * w, h * 0.6, h * 0.24
    teeth = rng.randint(9, 13)
    points = []
    for i in range(teeth * 4):
        angle = i / (teeth * 4) * math.tau
        radius = r if i % 4 in (1, 2) else r * 0.8
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=p.motif)
    hole = r * 0.35
    draw.ellipse((cx - hole, cy - hole, cx + hole, cy + hole), fill=p.sky)
    small = r * 0.45
    sx, sy = cx - r * 1.45, cy + r * 0.35
    draw.ellipse(
        (sx - small, sy - small, sx + small, sy + small), outline=p.sun, width=int(r * 0.12)
    )


def _spot(
    rng: random.Random,
    w: int,
    h: int,
    across: tuple[float, float],
    down: tuple[float, float],
    size: tuple[float, float],
) -> tuple[float, float, float]:
    """A random centre and size, each drawn from its share of the picture's width or height."""
    return rng.uniform(*across) * w, rng.uniform(*down) * h, rng.uniform(*size) * h


def _leaves(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, p: Palette) -> None:
    for _ in range(rng.randint(3, 5)):
        x, y, size = _spot(rng, w, h, (0.1, 0.9), (0.55, 0.85), (0.06, 0.1))
        draw.ellipse((x - size, y - size * 2, x + size, y + size * 2), fill=p.far)
        draw.line(
            [(x, y - size * 2), (x, y + size * 2.6)], fill=p.motif, width=max(3, int(size * 0.12))
        )


def _bubbles(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, p: Palette) -> None:
    for i in range(rng.randint(5, 8)):
        x, y, r = _spot(rng, w, h, (0.08, 0.92), (0.15, 0.55), (0.03, 0.08))
        colour = p.motif if i % 2 else p.sun
        draw.ellipse((x - r, y - r, x + r, y + r), outline=colour, width=max(4, int(r * 0.22)))


def _people(draw: ImageDraw.ImageDraw, rng: random.Random, w: int, h: int, p: Palette) -> None:
    count = rng.randint(3, 5)
    size = h * 0.085
    left = rng.uniform(0.1, 0.9 - count * 0.09) * w
    for i in range(count):
        x = left + i * size * 2.2
        y = h * 0.72 - (size * 0.4 if i % 2 else 0)
        colour = p.motif if i % 2 else p.sun
        draw.ellipse((x - size * 0.55, y - size * 2.1, x + size * 0.55, y - size), fill=colour)
        draw.pieslice((x - size, y - size * 0.9, x + size, y + size * 1.1), 180, 360, fill=colour)


_MOTIFS = {
    "Unternehmen": _sheds,
    "Einblicke": _bicycle,
    "Technik": _gear,
    "Nachhaltigkeit": _leaves,
    "Ideen": _bubbles,
    "Menschen": _people,
}


def write_covers(covers: list[Cover]) -> None:
    """Draw every cover as WebP (Pillow writes no metadata unless asked)."""
    for cover in covers:
        cover.file.parent.mkdir(parents=True, exist_ok=True)
        draw_cover(cover).save(cover.file, "WEBP", quality=_QUALITY, method=6)


if __name__ == "__main__":
    drawn = covers_to_draw()
    write_covers(drawn)
    for cover in drawn:
        print(f"{cover.file.relative_to(CONTENT)}: {cover.file.stat().st_size // 1024} KB")
