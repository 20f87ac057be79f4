"""Generate a synthetic company blog (posts, author profiles, images) deterministically from a seed.

    uv run python bench/synthetic.py --posts 1000 --authors 100 [--photos] --out bench/.work/site

The same seed gives the same site byte for byte, except for the 12-megapixel photos, which are
made once per seed and author and then reused from a cache folder (making 100 takes minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

REPO = Path(__file__).resolve().parents[1]

CATEGORIES = (
    "Einblicke",
    "Technik",
    "Nachhaltigkeit",
    "Menschen",
    "Unternehmen",
    "Ideen",
    "Service",
    "Vertrieb",
)
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
IMAGE_SIZE = (1200, 675)
FIRST_DAY = dt.date(2023, 1, 2)
DAYS = 3 * 365 - 7


def _vocabulary(words: str) -> tuple[str, ...]:
    return tuple(words.split())


NOUNS = _vocabulary(
    "Rahmen Lastenrad Werkstatt Kundin Kunde Motor Akku Bremse Kette Schaltung Lieferung "
    "Fachhandel Prüfstand Montage Schweissnaht Aluminium Lager Ersatzteil Entscheidung Team "
    "Kollegin Kollege Ausbildung Schicht Messe Händlerin Reparatur Velo Pedal Lenker Sattel "
    "Speiche Felge Nabe Lieferkette Kalkulation Rechnung Budget Prototyp Zeichnung Messung "
    "Ökobilanz Verpackung Transporter Fähre Bodensee Halle Kantine Besprechung Umfrage Idee "
    "Frage Antwort Fehler Rückruf Garantie Qualität Stückzahl Woche Monat Sommer Winter "
    "Strecke Probefahrt Software Display Kabel Stecker Schraube Drehmoment Werkzeug Anleitung"
)
ADJECTIVES = _vocabulary(
    "neue alte schwere leichte ehrliche schnelle langsame teure günstige robuste kleine grosse "
    "erste letzte ganze halbe gute schwierige einfache knappe offene klare genaue laute ruhige "
    "nasse trockene digitale elektrische mechanische regionale gemeinsame eigene"
)
VERBS = _vocabulary(
    "prüft baut misst erklärt verändert bestellt liefert repariert zeigt plant fragt "
    "entscheidet vergleicht schweisst montiert testet verbessert braucht kostet spart hält "
    "bringt findet sucht dokumentiert bespricht übernimmt"
)
ADVERBS = _vocabulary(
    "heute gestern morgens abends jetzt bisher wieder selten oft zuerst danach trotzdem "
    "ehrlich gesagt eigentlich gemeinsam genau ungefähr deutlich kaum"
)
PREPOSITIONS = _vocabulary("mit ohne für gegen über unter nach vor bei aus durch zwischen")
ARTICLES = _vocabulary("der die das ein eine unser unsere jede kein")
TAGS = _vocabulary(
    "Werkstatt Lastesel Aluminium Recycling Fachhandel Ausbildung Pendeln Qualität Montage "
    "Elektronik Akku Software Prüfstand Lieferzeiten Export Schweiz Konstanz Kreuzlingen "
    "Kundendienst Garantie Ersatzteile Reparatur Umfrage Kantine Teilzeit Führung Messe "
    "Preise Kritik Transparenz Einkauf Logistik Verpackung Ökobilanz Sicherheit Rückruf "
    "Prototypen Design Farbe Rahmenbau Schweissen Lackierung Testfahrt Familie Alltag Winter "
    "Sommer Touren Veranstaltungen Praktikum Berufsschule Mitbestimmung Gesundheit Kooperation"
)
FIRST_NAMES = _vocabulary(
    "Anja Claire Dragan Emre Felix Hannah Jonas Julia Katrin Lea Marco Miriam Nadine Reto "
    "Samuel Sophie Tobias Aylin Bernd Carla Daniel Elif Fabian Greta Hamid Ines Jakob Kerstin "
    "Lukas Mara Nico Olga Paul Rosa Simon Tanja Urs Vera Wanda Yannick"
)
LAST_NAMES = _vocabulary(
    "Seidel Dubois Petrovic Yilmaz Hartmann Vogt Brenner Märki Albrecht Hofstetter Bianchi "
    "Keller Koch Ammann Okafor Brunner Wendt Meier Schmid Fischer Weber Baumann Frei Huber "
    "Gerber Steiner Graf Roth Lang Wyss Kaya Novak Berger Moser Widmer Zimmermann Bauer Kunz "
    "Sutter Lehmann"
)
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
PAGES = {
    "ueber-uns": "Über uns",
    "impressum": "Impressum",
    "datenschutz": "Datenschutz",
    "redaktionsleitfaden": "Redaktionsleitfaden",
}


@dataclass(frozen=True)
class SiteSpec:
    """What to generate: how many posts and authors, with or without 12-MP photos."""

    posts: int = 1000
    authors: int = 100
    photos: bool = False
    seed: int = 2026


@dataclass(frozen=True)
class SyntheticPost:
    """One generated post: its source file and where Pelican will publish it."""

    source: Path
    title: str
    year: int
    slug: str


@dataclass(frozen=True)
class SyntheticSite:
    """The generated content folder and what is in it."""

    content: Path
    categories: tuple[str, ...]
    authors: tuple[str, ...]
    posts: tuple[SyntheticPost, ...]
    words: int


def generate_site(
    folder: Path, spec: SiteSpec, photo_cache: Path | None = None, *, quiet: bool = False
) -> SyntheticSite:
    """Write content/ with posts, pages, profiles and images into folder (replacing it)."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    rng = random.Random(spec.seed)
    content = folder / "content"
    if content.exists():
        shutil.rmtree(content)
    for sub in ("posts", "pages", "authors", "images"):
        (content / sub).mkdir(parents=True)

    departments, levels = _profile_choices()
    people = _people(rng, spec.authors)
    editors = [handle for handle, _ in people[: max(2, spec.authors // 12)]]
    photo_sources = _photos(people, spec.seed, photo_cache, quiet) if spec.photos else {}
    for index, (handle, name) in enumerate(people):
        text = _profile(rng, name, departments[index % len(departments)], levels, handle in editors)
        if handle in photo_sources:
            _link_or_copy(photo_sources[handle], content / "authors" / f"{handle}.jpg")
            text = _with_photo(rng, text, handle)
        (content / "authors" / f"{handle}.md").write_text(text, encoding="utf-8")
    for slug, title in PAGES.items():
        body = "\n\n".join(_paragraph(rng, 4) for _ in range(3))
        page = f"Title: {title}\nSlug: {slug}\n\n{body}\n"
        (content / "pages" / f"{slug}.md").write_text(page, encoding="utf-8")

    regex_subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(people))]
    handles = [handle for handle, _ in people]
    dates = sorted(
        dt.datetime.combine(FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)), dt.time())
        + dt.timedelta(minutes=rng.randrange(7 * 60, 18 * 60))
        for _ in range(spec.posts)
    )
    posts: list[SyntheticPost] = []
    slugs: set[str] = set()
    words = 0
    for number, date in enumerate(dates):
        title = _title(rng)
        slug = slugify(title, regex_subs)
        while slug in slugs:
            title = f"{title} ({rng.randrange(2, 99)})"
            slug = slugify(title, regex_subs)
        slugs.add(slug)
        source = content / "posts" / str(date.year) / f"{slug}.md"
        source.parent.mkdir(exist_ok=True)
        authors = _unique(rng.choices(handles, weights, k=2 if rng.random() < 0.1 else 1))
        reviewer = rng.choice([e for e in editors if e not in authors] or editors)
        header = _post_header(rng, title, date, authors, reviewer, number)
        if rng.random() < 0.2:
            image = f"{slug}.jpg"
            make_photo(content / "images" / image, rng.randrange(1 << 30), IMAGE_SIZE, grain=False)
            header += (
                f"Image: images/{image}\nImage-alt: {_sentence(rng, 6, markup=False)}\n"
                "Image-credit: Foto: Seewerk Velo AG\n"
            )
        earlier = posts[rng.randrange(len(posts))] if posts and rng.random() < 0.3 else None
        poll_id = f"bench-{number}" if number % 50 == 5 else None
        body, count = _body(rng, content, earlier, poll_id)
        words += count
        source.write_text(f"{header}\n{body}", encoding="utf-8")
        posts.append(SyntheticPost(source, title, date.year, slug))
    return SyntheticSite(content, CATEGORIES, tuple(handles), tuple(posts), words)


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


def _profile_choices() -> tuple[Sequence[str], Sequence[str]]:
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


def _people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    from pelican.utils import slugify

    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    if count > len(pairs):
        raise ValueError(f"authors={count}: at most {len(pairs)} distinct names")
    chosen = rng.sample(pairs, count)
    return [
        (slugify(f"{first} {last}", [(r"\s+", "-")]), f"{first} {last}") for first, last in chosen
    ]


def _profile(
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
    body = "\n\n".join(_paragraph(rng, rng.randrange(3, 5)) for _ in range(2))
    return "\n".join(lines) + f"\n\n{body}\n"


def _with_photo(rng: random.Random, profile: str, handle: str) -> str:
    head, body = profile.split("\n\n", 1)
    focus = f"{rng.uniform(0.45, 0.55):.2f}, {rng.uniform(0.3, 0.4):.2f}"
    photo = f"Photo: {handle}.jpg\nPhoto-focus: {focus}\nPhoto-credit: Foto: Seewerk Velo AG"
    return head.replace("\nConsent:", f"\n{photo}\nConsent:", 1) + "\n\n" + body


def _photos(
    people: Sequence[tuple[str, str]], seed: int, cache: Path | None, quiet: bool
) -> dict[str, Path]:
    """Source photos per handle: the photo benchmark's 12-MP set if it exists, else our own."""
    try:
        # Shared with bench/bench_photos.py, so both benchmarks time the same pictures.
        from bench_photos import make_photos
    except ImportError:
        make_photos = None
    if make_photos is not None:
        paths = make_photos(len(people))
    else:
        paths = [_own_photo(cache or Path("photos"), seed, n, quiet) for n in range(len(people))]
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


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        target.hardlink_to(source)
    except OSError:
        shutil.copyfile(source, target)


def _post_header(
    rng: random.Random,
    title: str,
    date: dt.datetime,
    authors: Sequence[str],
    reviewer: str,
    number: int,
) -> str:
    byline = f"Author: {authors[0]}" if len(authors) == 1 else f"Authors: {', '.join(authors)}"
    submitted = (date - dt.timedelta(days=rng.randrange(2, 15))).date()
    lines = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(rng.sample(TAGS, rng.randrange(2, 5)))}",
        byline,
        "Lang: de",
        f"Summary: {_sentence(rng, rng.randrange(14, 24), markup=False)}",
        f"Submitted: {submitted}",
        f"Reviewed-by: {reviewer}",
    ]
    if number % 50 == 7:
        lines.append("Disclosure: own-product")
    if number % 100 == 13:
        fixed = (date + dt.timedelta(days=3)).date()
        lines.append(
            f"Correction: {fixed} | correction | Im zweiten Absatz stand eine falsche Zahl."
        )
    return "\n".join(lines) + "\n"


def _title(rng: random.Random) -> str:
    noun, other = rng.sample(NOUNS, 2)
    patterns = (
        f"Was wir über {noun} und {other} gelernt haben",
        f"{rng.choice(ADJECTIVES).capitalize()} {noun}: {rng.choice(PREPOSITIONS)} {other}",
        f"Warum {noun} {rng.choice(VERBS)}",
        f"Ein Tag mit {noun} und {other}",
        f"{noun} {rng.choice(PREPOSITIONS)} {other}",
    )
    return rng.choice(patterns)


def _body(
    rng: random.Random, content: Path, earlier: SyntheticPost | None, poll_id: str | None
) -> tuple[str, int]:
    """A post body of about 620 words with headings, lists, links, emphasis and quotes."""
    target = rng.randrange(420, 701)
    blocks = [_paragraph(rng, rng.randrange(3, 6))]
    if earlier is not None:
        link = earlier.source.relative_to(content).as_posix()
        blocks.append(
            f"Mehr dazu stand schon in [{earlier.title}]({{filename}}/{link}), {_sentence(rng, 10)}"
        )
    if poll_id:
        blocks.append(_poll(rng, poll_id))
    while _words(blocks) < target:
        blocks.append(f"## {_sentence(rng, rng.randrange(3, 6), markup=False).rstrip('.')}")
        blocks.append(_paragraph(rng, rng.randrange(3, 6)))
        roll = rng.random()
        if roll < 0.35:
            items = [
                f"- {_sentence(rng, rng.randrange(5, 12))}" for _ in range(rng.randrange(3, 6))
            ]
            blocks.append("\n".join(items))
        elif roll < 0.5:
            blocks.append(f"> {_sentence(rng, rng.randrange(10, 20))}")
        elif roll < 0.6:
            items = [f"{n}. {_sentence(rng, rng.randrange(5, 10))}" for n in range(1, 4)]
            blocks.append("\n".join(items))
        blocks.append(_paragraph(rng, rng.randrange(2, 5)))
    return "\n\n".join(blocks) + "\n", _words(blocks)


def _poll(rng: random.Random, poll_id: str) -> str:
    options = "\n".join(
        f"  - id: option-{n}\n    label: {_sentence(rng, 5, markup=False).rstrip('.')}"
        for n in range(1, rng.randrange(3, 5) + 1)
    )
    question = _sentence(rng, 7, markup=False).rstrip(".")
    return (
        f"```poll\nid: {poll_id}\nquestion: {question}?\noptions:\n{options}\n"
        "multiple: false\nresults: live\nsuggestions: true\n```"
    )


def _words(blocks: Sequence[str]) -> int:
    return sum(len(block.split()) for block in blocks)


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randrange(7, 17)) for _ in range(sentences))


def _sentence(rng: random.Random, length: int, *, markup: bool = True) -> str:
    """A German-looking sentence of about length words, with inline Markdown now and then."""
    pools = (ARTICLES, ADJECTIVES, NOUNS, VERBS, ADVERBS, PREPOSITIONS, ARTICLES, NOUNS)
    words = [rng.choice(pools[i % len(pools)]) for i in range(length)]
    words[0] = words[0][:1].upper() + words[0][1:]
    if markup:
        roll = rng.random()
        spot = rng.randrange(len(words))
        if roll < 0.12:
            words[spot] = f"*{words[spot]}*"
        elif roll < 0.2:
            words[spot] = f"**{words[spot]}**"
        elif roll < 0.26 and len(words) > 3:
            words[spot : spot + 2] = [
                f"[{' '.join(words[spot : spot + 2])}]"
                f"(https://seewerk.example/{words[spot].lower()}/)"
            ]
        elif roll < 0.31:
            words[spot] = f'"{words[spot]}"'
        elif roll < 0.33:
            words[spot] = f"`{words[spot].lower()}`"
    return " ".join(words) + rng.choice(".....!?")


def _colour(rng: random.Random, low: int, high: int) -> tuple[int, int, int]:
    return (rng.randrange(low, high), rng.randrange(low, high), rng.randrange(low, high))


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def main(argv: Sequence[str] | None = None) -> None:
    """Generate a site from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--authors", type=int, default=100)
    parser.add_argument("--photos", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / ".work" / "site")
    args = parser.parse_args(argv)
    spec = SiteSpec(args.posts, args.authors, args.photos, args.seed)
    started = time.perf_counter()
    site = generate_site(args.out, spec, REPO / "bench" / ".work" / "photos")
    print(
        f"{len(site.posts)} posts ({site.words / len(site.posts):.0f} words on average), "
        f"{len(site.authors)} authors in {site.content} "
        f"({time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
