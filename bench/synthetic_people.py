"""The people of the synthetic site: names, profiles in the project's format, generated photos."""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps
from synthetic_words import (
    FIRST_NAMES,
    LAST_NAMES,
    TAGS,
    paragraph,
)

REPO = Path(__file__).resolve().parents[1]
# The profile format's own lists; pelicanconf.py's are used instead once it defines them.
DEPARTMENTS = (
    "geschaeftsleitung",
    "entwicklung",
    "produktion",
    "vertrieb",
    "kundendienst",
    "personal",
    "kommunikation",
    "finanzen",
)


LEVELS = ("vorstand", "bereichsleitung", "teamleitung", "fachkraft", "ausbildung")


PHOTO_SIZE = (3000, 4000)  # 12 megapixels, portrait, as a phone takes it


ROLES = {
    "geschaeftsleitung": "Mitglied der Geschäftsleitung",
    "entwicklung": "Konstrukteurin Rahmen",
    "produktion": "Schichtleiter Montage",
    "vertrieb": "Gebietsverkauf Süd",
    "kundendienst": "Servicetechnikerin",
    "personal": "Personalreferent",
    "kommunikation": "Redakteurin",
    "finanzen": "Controller",
}


def make_photo(
    path: Path, seed: int, size: tuple[int, int] = PHOTO_SIZE, *, grain: bool = True
) -> None:
    """Save a portrait-like JPEG of the given size whose pixels depend only on seed."""
    rng = random.Random(seed)
    gradient = Image.linear_gradient("L").rotate(rng.randrange(360)).resize(size)
    image = ImageOps.colorize(gradient, _colour(rng, 30, 120), _colour(rng, 140, 240))
    draw = ImageDraw.Draw(image)
    width, height = size
    # Head and shoulders, so the focal point and the crop have something to find.
    draw.ellipse(
        (width * 0.3, height * 0.2, width * 0.7, height * 0.55), fill=_colour(rng, 150, 230)
    )
    draw.rounded_rectangle(
        (width * 0.1, height * 0.58, width * 0.9, height * 1.1),
        radius=width // 6,
        fill=_colour(rng, 20, 200),
    )
    if grain:
        # Seeded noise tiled over the picture: real photos are noisy, and noise costs decoding.
        tile = Image.frombytes("L", (256, 256), rng.randbytes(256 * 256))
        noise = Image.new("L", size)
        for x in range(0, width, 256):
            for y in range(0, height, 256):
                noise.paste(tile, (x, y))
        image = Image.blend(image, Image.merge("RGB", (noise, noise, noise)), 0.12)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=90)


def profile_choices() -> tuple[Sequence[str], Sequence[str]]:
    """Departments and levels from pelicanconf.py if it lists them, else the format's own."""
    sys.path.insert(0, str(REPO))
    try:
        import pelicanconf
    finally:
        sys.path.remove(str(REPO))
    found = []
    for name, fallback in (("DEPARTMENTS", DEPARTMENTS), ("LEVELS", LEVELS)):
        value = getattr(pelicanconf, f"AUTHORS_{name}", None)
        if isinstance(value, dict):
            value = list(value)
        if value and all(isinstance(item, (list, tuple)) for item in value):
            value = [item[0] for item in value]
        found.append(list(value) if value else list(fallback))
    return found[0], found[1]


def invent_people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    from pelican.utils import slugify

    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    if count > len(pairs):
        # Double surnames, as many people have them, give 40 times as many distinct names.
        pairs += [
            (first, f"{last}-{second}")
            for first in FIRST_NAMES
            for last in LAST_NAMES
            for second in LAST_NAMES
            if second != last
        ]
    if count > len(pairs):
        raise ValueError(f"authors={count}: at most {len(pairs)} distinct names")
    chosen = rng.sample(pairs, count)
    return [
        (slugify(f"{first} {last}", [(r"\s+", "-")]), f"{first} {last}") for first, last in chosen
    ]


def profile_text(
    rng: random.Random, name: str, department: str, levels: Sequence[str], editor: bool
) -> str:
    first_name = name.split()[0].lower()
    lines = [
        f"Name: {name}",
        f"Role: {ROLES.get(department, 'Fachkraft')}",
        f"Department: {department}",
        f"Level: {rng.choice(levels)}",
        f"Location: {rng.choice(['Konstanz', 'Kreuzlingen'])}",
        f"Languages: {rng.choice(['Deutsch', 'Deutsch, Englisch', 'Deutsch, Französisch'])}",
        f"Joined: {rng.randrange(2005, 2024)}-{rng.randrange(1, 13):02d}-01",
        f"Ask-me-about: {', '.join(rng.sample(TAGS, 3))}",
    ]
    if rng.random() < 0.4:
        lines.append(f"Linkedin: https://www.linkedin.com/in/example-{first_name}")
    if rng.random() < 0.2:
        lines.append(f"Mastodon: https://social.example/@{first_name}")
    lines += [
        "Consent: yes",
        f"Consent-date: 2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "Status: active",
        f"Editor: {'yes' if editor else 'no'}",
    ]
    body = "\n\n".join(paragraph(rng, rng.randrange(3, 5)) for _ in range(2))
    return "\n".join(lines) + f"\n\n{body}\n"


def with_photo(rng: random.Random, profile: str, handle: str) -> str:
    head, body = profile.split("\n\n", 1)
    focus = f"{rng.uniform(0.45, 0.55):.2f}, {rng.uniform(0.3, 0.4):.2f}"
    photo = f"Photo: {handle}.jpg\nPhoto-focus: {focus}\nPhoto-credit: Foto: Seewerk Velo AG"
    return head.replace("\nConsent:", f"\n{photo}\nConsent:", 1) + "\n\n" + body


def source_photos(
    people: Sequence[tuple[str, str]], seed: int, cache: Path | None, quiet: bool
) -> dict[str, Path]:
    """Source photos per handle: the photo benchmark's 12-MP set if it exists, else our own."""
    try:
        # Shared with bench/bench_photos.py, so both benchmarks time the same pictures.
        from bench_photos import make_photos
    except ImportError:
        paths = [_own_photo(cache or Path("photos"), seed, n, quiet) for n in range(len(people))]
    else:
        paths = make_photos(len(people))
    return {handle: path for (handle, _), path in zip(people, paths, strict=True)}


def _own_photo(cache: Path, seed: int, number: int, quiet: bool) -> Path:
    """A 12-MP photo made once per seed and author number."""
    path = cache / f"seed{seed}-{number:04d}.jpg"
    if not path.exists():
        if not quiet:
            print(f"making 12-MP photo {number + 1}", file=sys.stderr)
        partial = path.with_suffix(".part")
        make_photo(partial, seed * 100_003 + number)
        partial.replace(path)
    return path


def link_or_copy(source: Path, target: Path) -> None:
    try:
        target.hardlink_to(source)
    except OSError:
        shutil.copyfile(source, target)


def _colour(rng: random.Random, low: int, high: int) -> tuple[int, int, int]:
    return (rng.randrange(low, high), rng.randrange(low, high), rng.randrange(low, high))
